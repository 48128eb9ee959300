package io.ocellus.ingest.endpoint;

import io.ocellus.commons.problem.Problem;
import io.ocellus.commons.problem.ProblemException;
import io.ocellus.commons.security.Roles;
import io.ocellus.commons.storage.ObjectStore;
import io.ocellus.ingest.domain.ImageIngestion;
import io.ocellus.ingest.domain.ImageMetadata;
import io.ocellus.ingest.domain.IngestedImage;
import io.ocellus.ingest.domain.UploadTarget;
import io.ocellus.schema.store.Buckets;
import io.ocellus.schema.store.ContentKeys;
import io.ocellus.vision.ImageRejectedException;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Upload of images (raw body or multipart) and read-back of what the store holds. */
@Path("/v1/images")
@Authenticated
public class ImageResource {

    private static final Pattern IMAGE_ID = Pattern.compile("[0-9a-f]{64}");

    private final ImageIngestion ingestion;
    private final ObjectStore store;
    private final UploadLimits limits;

    public ImageResource(ImageIngestion ingestion, ObjectStore store, UploadLimits limits) {
        this.ingestion = ingestion;
        this.store = store;
        this.limits = limits;
    }

    /**
     * One image as the raw body. 201 for new bytes, 200 when the same bytes were already stored; either way the
     * event has been acknowledged by Kafka. 202 when the image is stored but Kafka did not take its event: the
     * event waits in the outbox and is announced when the broker is back.
     */
    @POST
    @RolesAllowed(Roles.UPLOADER)
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "201", description = "Stored and announced; Location names the image",
            content = @Content(schema = @Schema(implementation = IngestedImage.class)))
    @APIResponse(responseCode = "200", description = "Already stored: the same bytes were uploaded before")
    @APIResponse(responseCode = "202", description = "Stored; its announcement waits in the outbox until the broker "
            + "takes it", content = @Content(schema = @Schema(implementation = IngestedImage.class)))
    @APIResponse(responseCode = "400", description = "an image that cannot be decoded (bad-image and kin), "
            + "empty-file, dataset-required, label-required, unknown-split, unknown-task, unsafe-dataset/label")
    @APIResponse(responseCode = "413", description = "image-too-large, image-too-large-to-decode: more bytes or "
            + "pixels than the service takes")
    @APIResponse(responseCode = "415", description = "unsupported-media-type: the body is not a PNG, JPEG, GIF or BMP")
    @APIResponse(responseCode = "503", description = "the object store is unavailable, or busy decoding: nothing was "
            + "stored")
    public Response upload(InputStream body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                           @QueryParam("dataset") String dataset, @QueryParam("label") String label,
                           @QueryParam("split") String split, @QueryParam("tasks") String tasks) {
        IngestedImage image;
        try {
            UploadTarget target = UploadTarget.parse(dataset, label, split, tasks);
            image = ingestion.ingest(limits.readImage(body), contentType, target);
        } catch (ImageRejectedException e) {
            throw new ProblemException(e.status(), e.slug(), "Image rejected", e.getMessage());
        }
        if (!image.announced()) {
            // stored; its event waits in the outbox and goes out when the broker is back
            return Response.accepted(image).location(URI.create("/v1/images/" + image.imageId())).build();
        }
        if (image.duplicate()) {
            return Response.ok(image).build();
        }
        return Response.created(URI.create("/v1/images/" + image.imageId())).entity(image).build();
    }

    /**
     * Many images as {@code file} parts of a multipart form, sharing the form's dataset, label, split and tasks.
     * Each file is judged on its own: a refused file does not stop the others, and its result says why.
     */
    @POST
    @RolesAllowed(Roles.UPLOADER)
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "200")
    @APIResponse(responseCode = "400", description = "no-files, bad-content-length, or form fields that are not "
            + "allowed (each file's own refusal is in its result)")
    @APIResponse(responseCode = "413", description = "multipart-too-large, too-many-files")
    @APIResponse(responseCode = "503", description = "the object store or the broker is unavailable")
    public MultipartResult uploadMany(@RestForm("file") List<FileUpload> files, @RestForm String dataset,
                                      @RestForm String label, @RestForm String split, @RestForm String tasks) {
        UploadTarget target;
        try {
            target = UploadTarget.parse(dataset, label, split, tasks);
        } catch (ImageRejectedException e) {
            throw new ProblemException(e.status(), e.slug(), "Upload rejected", e.getMessage());
        }
        if (files == null || files.isEmpty()) {
            throw new ProblemException(400, "no-files", "Upload rejected",
                    "the form has no 'file' part: send each image as a part named 'file'");
        }
        limits.checkFileCount(files.size());
        List<FileResult> results = new ArrayList<>(files.size());
        for (FileUpload file : files) {
            results.add(ingestOne(file, target));
        }
        return MultipartResult.of(results);
    }

    private FileResult ingestOne(FileUpload file, UploadTarget target) {
        try {
            limits.checkImageSize(file.size());
            IngestedImage image = ingestion.ingest(Files.readAllBytes(file.uploadedFile()), file.contentType(),
                    target);
            int status = !image.announced() ? 202 : image.duplicate() ? 200 : 201;
            return new FileResult(file.fileName(), status, image, null);
        } catch (ImageRejectedException e) {
            return new FileResult(file.fileName(), e.status(), null,
                    Problem.of(e.slug(), "Image rejected", e.status(), e.getMessage(), null));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the uploaded part " + file.fileName(), e);
        }
    }

    @GET
    @Path("/{imageId}")
    @Produces(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "200")
    @APIResponse(responseCode = "400", description = "bad-image-id: not a SHA-256")
    @APIResponse(responseCode = "404", description = "image-not-found")
    public ImageMetadata metadata(@PathParam("imageId") String imageId) {
        return store.stat(Buckets.IMAGES, keyOf(imageId)).map(stat -> ImageMetadata.from(imageId, stat))
                .orElseThrow(() -> notFound(imageId));
    }

    @GET
    @Path("/{imageId}/content")
    @APIResponse(responseCode = "200", description = "The image's bytes, with its content type")
    @APIResponse(responseCode = "400", description = "bad-image-id: not a SHA-256")
    @APIResponse(responseCode = "404", description = "image-not-found")
    public Response content(@PathParam("imageId") String imageId) {
        String key = keyOf(imageId);
        ImageMetadata image = store.stat(Buckets.IMAGES, key).map(stat -> ImageMetadata.from(imageId, stat))
                .orElseThrow(() -> notFound(imageId));
        StreamingOutput body = out -> {
            try (InputStream in = store.open(Buckets.IMAGES, key)) {
                in.transferTo(out);
            }
        };
        return Response.ok(body, image.contentType()).header(HttpHeaders.CONTENT_LENGTH, image.size())
                .header(HttpHeaders.CACHE_CONTROL, "public, max-age=31536000, immutable").build();
    }

    private static String keyOf(String imageId) {
        if (!IMAGE_ID.matcher(imageId).matches()) {
            throw new ProblemException(400, "bad-image-id", "Bad image id",
                    "an image id is the sha256 of the image's bytes: 64 lowercase hex characters");
        }
        return ContentKeys.forImage(imageId);
    }

    private static ProblemException notFound(String imageId) {
        return new ProblemException(404, "image-not-found", "Image not found", "no image " + imageId);
    }
}
