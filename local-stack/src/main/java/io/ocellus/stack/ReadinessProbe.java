package io.ocellus.stack;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** One quick readiness check of a component; polled by {@link ReadinessWaiter}, never slept on. */
public interface ReadinessProbe extends AutoCloseable {

    /** Outcome of one check; {@code detail} says why it is not ready yet. */
    record Result(boolean ready, String detail) {

        public static Result ok() {
            return new Result(true, "ready");
        }

        public static Result notReady(String detail) {
            return new Result(false, detail);
        }
    }

    Result check();

    @Override
    default void close() {
    }

    /** Ready when {@code GET uri} answers with exactly {@code expectedStatus}. */
    static ReadinessProbe httpStatus(URI uri, int expectedStatus) {
        return () -> {
            try {
                int status = Http.get(uri);
                return status == expectedStatus ? Result.ok()
                        : Result.notReady("GET " + uri + " answered " + status);
            } catch (Exception e) {
                return Result.notReady("GET " + uri + ": " + describe(e));
            }
        };
    }

    /** Ready when {@code GET uri} gets any HTTP answer at all (S3 answers 403 without credentials). */
    static ReadinessProbe anyHttpAnswer(URI uri) {
        return () -> {
            try {
                Http.get(uri);
                return Result.ok();
            } catch (Exception e) {
                return Result.notReady("GET " + uri + ": " + describe(e));
            }
        };
    }

    /** A one-line reason: "not listening yet" for a refused connection, else the innermost cause. */
    static String describe(Throwable e) {
        Throwable root = e;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.net.ConnectException || t instanceof java.nio.channels.ClosedChannelException) {
                return "not listening yet";
            }
            root = t;
        }
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    /** A tiny shared HTTP client with short timeouts. */
    final class Http {

        private static final HttpClient CLIENT = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(1))
                .version(HttpClient.Version.HTTP_1_1)
                .build();

        private Http() {
        }

        static int get(URI uri) throws Exception {
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(3)).GET().build();
            return CLIENT.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        }
    }
}
