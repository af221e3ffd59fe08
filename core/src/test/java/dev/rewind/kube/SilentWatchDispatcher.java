package dev.rewind.kube;

import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.WebSocketListener;
import java.util.Arrays;
import java.util.Map;
import java.util.Queue;

/**
 * Test support: fabric8's {@link KubernetesMixedDispatcher} (canned answers first, then CRUD), except that a watch is
 * answered by an open WebSocket that sends no events. Public for the cli and server tests (core test-jar).
 *
 * <p>Why: in kubernetes-server-mock 8.0.0 a CRUD watch ({@code WatchEventsListener}) reacts to the client closing
 * the watch, on the server's Vert.x event loop, by shutting down its event executor and waiting (up to a minute) for
 * it to drain. If a watch event is being sent at that moment, the executor thread waits (up to 30 s, in
 * {@code VertxMockWebSocket}) for a write that only that same event loop can carry out. The loop is then blocked for
 * 30 s: every request on a connection served by it gets no answer until fabric8's 10 s request timeout, and closing
 * the server times out ("Unable to close MockWebServer"). The log shows the Vert.x blocked-thread warning with
 * {@code WatchEventsListener.onClosed} on the stack, then "VertxMockWebSocket write did not complete within 30s".
 * Running that close elsewhere is no cure: a change made while the listener's executor is shut down but the listener
 * is still registered throws {@code RejectedExecutionException} out of the request handler, and that request is never
 * answered either.
 *
 * <p>Such watches are opened by fabric8 itself: {@code PodResource#getLog} always runs its pod-ready wait, an informer
 * on the pod, even with {@code withReadyWaitTimeout(0)} (then it lists the pod and, unless stopped first, opens a watch
 * that it closes at once), so the mover and checker log reads open and close watches on pods that the simulated
 * controllers are changing. Neither the code under test nor the tests use watch events, so none are sent; the watch
 * request is still recorded like any other.
 */
public class SilentWatchDispatcher extends KubernetesMixedDispatcher {

    public SilentWatchDispatcher(Map<ServerRequest, Queue<ServerResponse>> responses) {
        super(responses);
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        if (isWatch(request.getPath())) {
            return new MockResponse().withWebSocketUpgrade(new WebSocketListener() {
                // open until the client closes it, without events
            });
        }
        return super.dispatch(request);
    }

    static boolean isWatch(String path) {
        int query = path.indexOf('?');
        return query >= 0 && Arrays.stream(path.substring(query + 1).split("&"))
                .anyMatch(p -> p.equals("watch=true") || p.equals("watch=1"));
    }
}
