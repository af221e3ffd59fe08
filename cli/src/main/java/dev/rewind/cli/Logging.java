package dev.rewind.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sets the root log level for one invocation: WARN by default (logback.xml), DEBUG with {@code --debug}. Logs go to
 * stderr so that stdout carries only the answer.
 */
final class Logging {
    private Logging() {
    }

    static void configure(boolean debug) {
        if (LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof Logger root) {
            root.setLevel(debug ? Level.DEBUG : Level.WARN);
        }
    }
}
