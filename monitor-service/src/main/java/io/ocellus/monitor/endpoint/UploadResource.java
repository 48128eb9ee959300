package io.ocellus.monitor.endpoint;

import io.ocellus.commons.problem.ProblemException;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The page's upload form: the request, body and bearer token untouched, streamed on to ingest-service's
 * {@code POST /v1/images}, and ingest's answer returned as it is. Ingest checks the token; this service never
 * stores or logs it. Serving the form from the same origin spares the browser a cross-origin call.
 */
@Path("/v1/upload")
public class UploadResource {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final URI ingest;

    public UploadResource(@ConfigProperty(name = "ocellus.monitor.ingest-url") URI ingest) {
        this.ingest = ingest;
    }

    @POST
    @Consumes("*/*")
    @Blocking
    @APIResponse(responseCode = "201", description = "ingest-service's answer, passed on as it is (201, 200 or 202 "
            + "with the image, or its problem)")
    @APIResponse(responseCode = "503", description = "ingest-unavailable: ingest-service did not answer; its own "
            + "problems are passed on as they are")
    public Response upload(InputStream body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                           @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @Context UriInfo uri) {
        String query = uri.getRequestUri().getRawQuery();
        HttpRequest.Builder request = HttpRequest.newBuilder(ingest.resolve("/v1/images" + (query == null ? ""
                        : "?" + query)))
                .timeout(Duration.ofMinutes(5))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> body));
        if (contentType != null) {
            request.header(HttpHeaders.CONTENT_TYPE, contentType);
        }
        if (authorization != null) {
            request.header(HttpHeaders.AUTHORIZATION, authorization);
        }
        HttpResponse<byte[]> answer;
        try {
            answer = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new ProblemException(503, "ingest-unavailable", "ingest-service unavailable",
                    "ingest-service at " + ingest + " did not answer: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProblemException(503, "ingest-unavailable", "ingest-service unavailable", "interrupted");
        }
        Response.ResponseBuilder response = Response.status(answer.statusCode()).entity(answer.body());
        answer.headers().firstValue(HttpHeaders.CONTENT_TYPE).ifPresent(type -> response.type(type));
        return response.build();
    }
}
