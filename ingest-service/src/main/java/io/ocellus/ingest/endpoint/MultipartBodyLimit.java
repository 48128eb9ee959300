package io.ocellus.ingest.endpoint;

import io.ocellus.commons.problem.Problem;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Multipart uploads are spooled to disk part by part before any endpoint runs, and the HTTP body limit is high
 * because archives stream through it. So a multipart body that declares more than
 * {@code ocellus.ingest.max-multipart-bytes} is refused with 413 before a byte of it is read. A chunked form
 * (many HTTP clients send multipart that way) declares no length; it stays bounded by the part count
 * ({@code max-form-fields}) and the body limit.
 */
@ApplicationScoped
public class MultipartBodyLimit {

    private static final Logger LOG = Logger.getLogger(MultipartBodyLimit.class);

    private final long maxBytes;

    public MultipartBodyLimit(@ConfigProperty(name = "ocellus.ingest.max-multipart-bytes", defaultValue = "1G")
                              MemorySize maxBytes) {
        this.maxBytes = maxBytes.asLongValue();
    }

    void register(@Observes Router router) {
        router.route().order(-200).handler(this::check);
    }

    private void check(RoutingContext context) {
        String type = context.request().getHeader(HttpHeaders.CONTENT_TYPE);
        if (context.request().method() != HttpMethod.POST || type == null
                || !type.regionMatches(true, 0, "multipart/", 0, "multipart/".length())) {
            context.next();
            return;
        }
        String declared = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (declared == null) {
            context.next();
            return;
        }
        long length;
        try {
            length = Long.parseLong(declared.trim());
        } catch (NumberFormatException e) {
            refuse(context, 400, "bad-content-length", "Bad Content-Length", "Content-Length is not a number: "
                    + declared);
            return;
        }
        if (length > maxBytes) {
            refuse(context, 413, "multipart-too-large", "Upload too large", "the form has " + length
                    + " bytes, above the limit of " + maxBytes + " per multipart request; send fewer images per "
                    + "request, or a data set as an archive (POST /v1/datasets/{name}/archive)");
            return;
        }
        context.next();
    }

    private void refuse(RoutingContext context, int status, String slug, String title, String detail) {
        LOG.infof("%s %s refused: %s", context.request().method(), context.request().path(), detail);
        Problem problem = Problem.of(slug, title, status, detail, context.request().path());
        // the body is not read: the connection closes after the answer instead of draining it
        context.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, "close").end(Json.encode(problem));
    }
}
