package io.ocellus.commons.problem;

import io.ocellus.commons.messaging.EventPublishException;
import io.ocellus.commons.models.UnreadableRegistryEntryException;
import io.ocellus.commons.storage.ObjectStoreException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.concurrent.RejectedExecutionException;

/** Maps every failure an endpoint can meet to a problem response, so no client ever sees a bare 500. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return respond(Problem.of(e.slug(), e.title(), e.status(), e.getMessage(), path(uri)));
    }

    @ServerExceptionMapper
    public Response storeUnavailable(ObjectStoreException e, UriInfo uri) {
        LOG.warn(e.getMessage());
        return respond(Problem.of("object-store-unavailable", "Object store unavailable", 503, e.getMessage(),
                path(uri)));
    }

    @ServerExceptionMapper
    public Response kafkaUnavailable(EventPublishException e, UriInfo uri) {
        LOG.warn(e.getMessage());
        return respond(Problem.of("event-not-published", "Event could not be published", 503, e.getMessage(),
                path(uri)));
    }

    /** A registry entry the store holds but nobody can read: the operator puts it right, and the client waits. */
    @ServerExceptionMapper
    public Response registryEntryUnreadable(UnreadableRegistryEntryException e, UriInfo uri) {
        LOG.error(e.getMessage());
        return respond(Problem.of("registry-entry-unreadable", "Registry entry unreadable", 503, e.getMessage(),
                path(uri)));
    }

    /** A full queue or a memory budget taken by other requests: the same request may succeed in a moment. */
    @ServerExceptionMapper
    public Response busy(RejectedExecutionException e, UriInfo uri) {
        LOG.info(e.getMessage());
        return Response.fromResponse(respond(Problem.of("busy", "Busy", 503, e.getMessage(), path(uri))))
                .header(HttpHeaders.RETRY_AFTER, "1").build();
    }

    @ServerExceptionMapper
    public Response unauthenticated(UnauthorizedException e, UriInfo uri) {
        return unauthenticated(uri);
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri) {
        return unauthenticated(uri);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return respond(Problem.of("forbidden", "Forbidden", 403,
                "the bearer token does not carry a role this operation needs", path(uri)));
    }

    /** JAX-RS' own refusals (404, 405, 415, …) keep their status but speak problem+json too. */
    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        Response.StatusType status = e.getResponse().getStatusInfo();
        return respond(Problem.of("http-" + status.getStatusCode(), status.getReasonPhrase(),
                status.getStatusCode(), e.getMessage(), path(uri)));
    }

    private static Response unauthenticated(UriInfo uri) {
        return Response.fromResponse(respond(Problem.of("unauthenticated", "Unauthenticated", 401,
                        "this operation needs a valid bearer token (Authorization: Bearer <token>)", path(uri))))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }

    private static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : uri.getPath();
    }
}
