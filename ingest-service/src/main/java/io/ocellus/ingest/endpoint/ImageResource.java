package io.ocellus.ingest.endpoint;

import io.ocellus.commons.problem.ProblemException;
import io.ocellus.ingest.domain.ImageIngestion;
import io.ocellus.ingest.domain.ImageRejectedException;
import io.ocellus.ingest.domain.IngestedImage;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;

/** Upload of one image as the raw request body. */
@Path("/v1/images")
public class ImageResource {

    private final ImageIngestion ingestion;

    public ImageResource(ImageIngestion ingestion) {
        this.ingestion = ingestion;
    }

    /** 201 for new bytes, 200 when the same bytes were already stored; either way the event has been sent. */
    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response upload(byte[] body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType) {
        IngestedImage image;
        try {
            image = ingestion.ingest(body == null ? new byte[0] : body, contentType);
        } catch (ImageRejectedException e) {
            throw new ProblemException(e.status(), e.slug(), "Image rejected", e.getMessage());
        }
        if (image.duplicate()) {
            return Response.ok(image).build();
        }
        return Response.created(URI.create("/v1/images/" + image.imageId())).entity(image).build();
    }
}
