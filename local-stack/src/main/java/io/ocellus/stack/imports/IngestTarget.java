package io.ocellus.stack.imports;

import io.ocellus.stack.StackException;
import io.ocellus.stack.StackLayout;
import io.ocellus.stack.StackState;
import io.ocellus.stack.token.TokenMinter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The ingest-service an import talks to and the token it presents, resolved once from options and the stack. */
public record IngestTarget(URI base, String token, StackLayout layout) {

    static final String TOKEN_ENV = TokenMinter.TOKEN_ENV;
    static final Duration TOKEN_TTL = Duration.ofHours(12);

    public IngestTarget {
        String url = base.toString();
        base = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
    }

    public static IngestTarget resolve(IngestOptions options) {
        StackLayout layout = StackLayout.resolve(options.stateDir);
        URI base = options.ingest != null ? URI.create(options.ingest) : StackState.read(layout)
                .flatMap(state -> state.component("ingest-service")).map(c -> URI.create(c.url()))
                .orElseThrow(() -> new ImportAbortedException("no running stack in " + layout.stateDir()
                        + ": start it with ./ocellus up (or pass --ingest URL)"));
        return new IngestTarget(base, token(options, layout), layout);
    }

    private static String token(IngestOptions options, StackLayout layout) {
        try {
            return TokenMinter.forCommand(options.token, layout, "uploader", TOKEN_TTL);
        } catch (StackException e) {
            throw new ImportAbortedException("no token: pass --token or set " + TOKEN_ENV + ", or let the import "
                    + "mint one from a local stack's key (" + e.getMessage() + ")");
        }
    }

    /** Fails fast with a useful message when nothing answers, instead of retrying every batch. */
    public void checkReachable(HttpClient http) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/q/health/ready")).timeout(Duration.ofSeconds(10))
                .GET().build();
        try {
            http.send(request, HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            throw new ImportAbortedException("ingest-service at " + base + " does not answer (" + e.getClass()
                    .getSimpleName() + "): is the stack up? (./ocellus status)");
        }
    }
}
