package io.ocellus.commons.problem;

import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.regex.Pattern;

/**
 * A form with more parts or parameters than the HTTP limits allow ({@code quarkus.http.limits.max-parameters},
 * {@code max-form-fields}) is stopped by the form reader before any endpoint runs; without this it would reach the
 * client as a 500. Here it becomes the 413 problem it is.
 */
@ApplicationScoped
public class FormLimitFailures {

    private static final Logger LOG = Logger.getLogger(FormLimitFailures.class);
    private static final Pattern LIMIT = Pattern.compile(
            "(?i)(param limit of \\d+ was exceeded|too many form fields|maxFields|form fields? limit)");

    void register(@Observes Router router) {
        router.route().order(-100).failureHandler(this::handle);
    }

    private void handle(RoutingContext context) {
        Throwable failure = context.failure();
        String reason = limitReason(failure);
        if (reason == null || context.response().headWritten()) {
            context.next();
            return;
        }
        LOG.infof("%s %s refused: %s", context.request().method(), context.request().path(), reason);
        Problem problem = Problem.of("too-many-parts", "Too many parts", 413, "the form has more parts than this "
                + "service reads (" + reason + "); send fewer files per request", context.request().path());
        context.response().setStatusCode(413).putHeader("Content-Type", Problem.MEDIA_TYPE)
                .putHeader("Connection", "close").end(Json.encode(problem));
    }

    /** The limit the failure reports, or null when it is not a form limit. */
    static String limitReason(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && LIMIT.matcher(t.getMessage()).find()) {
                return t.getMessage();
            }
            if (t.getClass().getSimpleName().contains("TooManyFormFields")) {
                return "too many form fields";
            }
        }
        return null;
    }
}
