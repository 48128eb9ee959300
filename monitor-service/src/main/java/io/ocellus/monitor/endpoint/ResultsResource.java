package io.ocellus.monitor.endpoint;

import io.ocellus.commons.problem.ProblemException;
import io.ocellus.commons.storage.ObjectStore;
import io.ocellus.monitor.domain.RecentResults;
import io.ocellus.schema.events.ImageClassified;
import io.ocellus.schema.events.ObjectsDetected;
import io.ocellus.schema.store.Buckets;
import io.ocellus.schema.store.ContentKeys;
import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.util.List;

/** The latest results, and the images they are about so that the page can draw boxes over them. */
@Path("/v1")
@Authenticated
public class ResultsResource {

    private final RecentResults recent;
    private final ObjectStore store;

    public ResultsResource(RecentResults recent, ObjectStore store) {
        this.recent = recent;
        this.store = store;
    }

    @GET
    @Path("/detections/recent")
    @Produces(MediaType.APPLICATION_JSON)
    public List<ObjectsDetected> detections() {
        return recent.detections();
    }

    @GET
    @Path("/classifications/recent")
    @Produces(MediaType.APPLICATION_JSON)
    public List<ImageClassified> classifications() {
        return recent.classifications();
    }

    /**
     * The original bytes of an image a recent result is about; any other image is not found here, so the page
     * never becomes a way to read the whole store. Cached by the browser only: the image is the user's data.
     */
    @GET
    @Path("/images/{imageId}/content")
    @Blocking
    @APIResponse(responseCode = "200", description = "The image's bytes, with its content type")
    @APIResponse(responseCode = "404", description = "image-not-recent, image-not-stored")
    public Response image(@PathParam("imageId") String imageId) {
        if (!recent.mentions(imageId)) {
            throw new ProblemException(404, "image-not-recent", "No recent result about this image",
                    "image " + imageId + " is in none of the recent classifications or detections");
        }
        String key = ContentKeys.forImage(imageId);
        String type = store.stat(Buckets.IMAGES, key).map(stat -> stat.contentType())
                .orElseThrow(() -> new ProblemException(404, "image-not-stored", "Image not in the store",
                        "image " + imageId + " is not in bucket " + Buckets.IMAGES));
        return Response.ok(store.get(Buckets.IMAGES, key), type).header("Cache-Control", "private, max-age=3600").build();
    }
}
