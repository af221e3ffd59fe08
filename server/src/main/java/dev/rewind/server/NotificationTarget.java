package dev.rewind.server;

import java.net.URI;
import java.util.Objects;

/**
 * Where state changes (healthy → failing, failing → healthy) are posted; never on every run.
 */
public sealed interface NotificationTarget {
    URI url();

    /** A generic webhook: {@code POST} of a JSON document (see {@code StateChangeNotifier}). */
    record Webhook(URI url) implements NotificationTarget {
        public Webhook {
            Objects.requireNonNull(url, "url");
        }
    }

    /** An ntfy-style topic URL: {@code POST} of a plain-text message with {@code Title}/{@code Priority}/{@code Tags} headers. */
    record Ntfy(URI url) implements NotificationTarget {
        public Ntfy {
            Objects.requireNonNull(url, "url");
        }
    }
}
