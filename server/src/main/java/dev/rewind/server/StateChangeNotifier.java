package dev.rewind.server;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Posts to every {@link NotificationTarget} when a check changes state — healthy → failing or failing → healthy —
 * never on every run. A check starts as healthy, so its first failing run notifies and its first healthy run does
 * not. A run with {@link Outcome#ERROR} counts as failing.
 *
 * <ul>
 *   <li>{@link NotificationTarget.Webhook}: {@code POST} {@code application/json}
 *       {@code {"target","check","state":"failing"|"healthy","previousState","outcome","runId","at","summary"}}.</li>
 *   <li>{@link NotificationTarget.Ntfy}: {@code POST} of the summary as plain text with ntfy's {@code Title},
 *       {@code Priority} ({@code high} when failing) and {@code Tags} headers.</li>
 * </ul>
 * Delivery is synchronous on the check's thread with a 10 s timeout; a failed delivery is logged, not retried.
 */
public final class StateChangeNotifier implements Consumer<Run> {
    private static final Logger LOG = LoggerFactory.getLogger(StateChangeNotifier.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final List<NotificationTarget> targets;
    private final HttpClient http;
    private final Map<RunStore.CheckKey, Boolean> healthy = new HashMap<>();

    public StateChangeNotifier(List<NotificationTarget> targets, HttpClient http) {
        this.targets = List.copyOf(targets);
        this.http = http;
    }

    @Override
    public void accept(Run run) {
        boolean now = run.outcome().healthy();
        Boolean before;
        synchronized (healthy) {
            before = healthy.put(new RunStore.CheckKey(run.target(), run.kind()), now);
        }
        boolean previous = before == null || before;
        if (previous == now) {
            return;
        }
        for (NotificationTarget target : targets) {
            deliver(target, run, previous);
        }
    }

    private void deliver(NotificationTarget target, Run run, boolean previous) {
        String state = run.outcome().healthy() ? "healthy" : "failing";
        String summary = summary(run);
        HttpRequest.Builder request = HttpRequest.newBuilder(target.url()).timeout(TIMEOUT);
        switch (target) {
            case NotificationTarget.Webhook w -> {
                ObjectNode body = JSON.createObjectNode();
                body.put("target", run.target().value());
                body.put("check", run.kind().label());
                body.put("state", state);
                body.put("previousState", previous ? "healthy" : "failing");
                body.put("outcome", run.outcome().label());
                body.put("runId", run.id().value());
                body.put("at", run.finishedAt().toString());
                body.put("summary", summary);
                request.header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body),
                                StandardCharsets.UTF_8));
            }
            case NotificationTarget.Ntfy n -> request
                    .header("Content-Type", "text/plain; charset=utf-8")
                    .header("Title", "rewind: " + run.target() + " " + run.kind().label() + " is " + state)
                    .header("Priority", run.outcome().healthy() ? "default" : "high")
                    .header("Tags", run.outcome().healthy() ? "white_check_mark" : "warning")
                    .POST(HttpRequest.BodyPublishers.ofString(summary, StandardCharsets.UTF_8));
        }
        try {
            HttpResponse<Void> response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 != 2) {
                LOG.warn("notification to {} answered HTTP {}", redacted(target.url()), response.statusCode());
            }
        } catch (IOException e) {
            LOG.warn("notification to {} failed: {}", redacted(target.url()), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String summary(Run run) {
        String head = run.target() + " " + run.kind().label() + ": " + run.outcome().label();
        if (run.error().isPresent()) {
            return head + " (" + run.error().get() + ")";
        }
        return head + run.findings().stream().filter(f -> f.severity() == FindingSeverity.ERROR).findFirst()
                .map(f -> " (" + run.count(FindingSeverity.ERROR) + " error(s), first: " + f.reason() + ")")
                .orElse("");
    }

    /** The URL without user info, query or fragment (they may carry tokens). */
    private static String redacted(URI url) {
        return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort())
                + url.getPath();
    }
}
