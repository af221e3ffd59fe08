package dev.rewind.kube;

import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.http.ByteString;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import java.util.Map;
import java.util.Queue;

/**
 * Test support: fabric8's {@link KubernetesMixedDispatcher} (canned answers first, then CRUD) whose WebSocket
 * listeners never block an event loop of the mock server. Public for the cli and server tests (core test-jar).
 *
 * <p>Why: in kubernetes-server-mock 8.0.0 a CRUD watch ({@code WatchEventsListener}) reacts to the client closing
 * the watch, on the server's Vert.x event loop, by shutting down its event executor and waiting (up to a minute) for
 * it to drain. If a watch event is being sent at that moment, the executor thread waits (up to 30 s, in
 * {@code VertxMockWebSocket}) for a write that only that same event loop can carry out. The loop is then blocked for
 * 30 s: every request on a connection served by it gets no answer until fabric8's 10 s request timeout, and closing
 * the server times out ("Unable to close MockWebServer"). The log shows the Vert.x blocked-thread warning with
 * {@code WatchEventsListener.onClosed} on the stack, then "VertxMockWebSocket write did not complete within 30s".
 * Such watches are opened by fabric8 itself: {@code PodResource#getLog} always runs its pod-ready wait, an informer on
 * the pod, even with {@code withReadyWaitTimeout(0)} (then it lists the pod and, unless stopped first, opens a watch
 * that it closes at once), so the mover and checker log reads open and close watches on pods that the simulated
 * controllers are changing.
 *
 * <p>Here the listener's close callbacks run on a thread of their own, so the event loop stays free to finish the
 * pending write and the executor drains in milliseconds. Everything else, the watch events included, is delivered as
 * before.
 */
public class NonBlockingWatchDispatcher extends KubernetesMixedDispatcher {

    public NonBlockingWatchDispatcher(Map<ServerRequest, Queue<ServerResponse>> responses) {
        super(responses);
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        MockResponse response = super.dispatch(request);
        WebSocketListener listener = response.getWebSocketListener();
        if (listener != null && !(listener instanceof ClosingOffTheEventLoop)) {
            response.withWebSocketUpgrade(new ClosingOffTheEventLoop(listener));
        }
        return response;
    }

    /** Delegates every callback, running {@code onClosed} and {@code onFailure} on a new virtual thread. */
    private static final class ClosingOffTheEventLoop extends WebSocketListener {
        private final WebSocketListener delegate;

        ClosingOffTheEventLoop(WebSocketListener delegate) {
            this.delegate = delegate;
        }

        @Override
        public void onBeforeAccept(WebSocket webSocket, Response response) {
            delegate.onBeforeAccept(webSocket, response);
        }

        @Override
        public void onOpen(WebSocket webSocket, Response response) {
            delegate.onOpen(webSocket, response);
        }

        @Override
        public void onMessage(WebSocket webSocket, String text) {
            delegate.onMessage(webSocket, text);
        }

        @Override
        public void onMessage(WebSocket webSocket, ByteString bytes) {
            delegate.onMessage(webSocket, bytes);
        }

        @Override
        public void onMessage(WebSocket webSocket, byte[] bytes) {
            delegate.onMessage(webSocket, bytes);
        }

        @Override
        public void onPing(WebSocket webSocket, byte[] bytes) {
            delegate.onPing(webSocket, bytes);
        }

        /** Runs on the event loop, so a close it queues on the listener's executor comes before {@link #onClosed}. */
        @Override
        public void onClosing(WebSocket webSocket, int code, String reason) {
            delegate.onClosing(webSocket, code, reason);
        }

        @Override
        public void onClosed(WebSocket webSocket, int code, String reason) {
            Thread.ofVirtual().name("mock-watch-closed").start(() -> delegate.onClosed(webSocket, code, reason));
        }

        @Override
        public void onFailure(WebSocket webSocket, Throwable failure, Response response) {
            Thread.ofVirtual().name("mock-watch-failed").start(() -> delegate.onFailure(webSocket, failure, response));
        }
    }
}
