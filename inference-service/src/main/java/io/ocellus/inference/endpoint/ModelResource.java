package io.ocellus.inference.endpoint;

import io.ocellus.serving.ImageLimits;
import io.ocellus.vision.InspectedImage;
import io.ocellus.commons.problem.ProblemException;
import io.ocellus.inference.domain.Classification;
import io.ocellus.inference.domain.ImageClassifier;
import io.ocellus.serving.ModelServing;
import io.ocellus.inference.domain.ModelUnavailableException;
import io.ocellus.serving.ServedModel;
import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * The served models and classification: {@code POST /v1/models/{name}:classify} with one image as the raw body
 * or many as {@code file} parts of a multipart form, or samples its client preprocessed as a tensor body
 * ({@link #TENSOR}); {@code name} may also be a configured ensemble. Runs on
 * worker threads: a request waits for its place in the model's dynamic batch.
 */
@Path("/v1/models")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class ModelResource {

    /** The media type of a body of preprocessed samples (little-endian float32, sample after sample). */
    public static final String TENSOR = "application/vnd.ocellus.tensor+float32";
    private static final int MAX_TOP_K = 100;

    private final ModelServing serving;
    private final ImageClassifier classifier;
    private final ImageLimits limits;

    public ModelResource(ModelServing serving, ImageClassifier classifier, ImageLimits limits) {
        this.serving = serving;
        this.classifier = classifier;
        this.limits = limits;
    }

    @GET
    public List<ServedView> list() {
        return serving.served().stream().map(ServedView::of).toList();
    }

    @GET
    @Path("/{name: [^/:]+}")
    @APIResponse(responseCode = "200")
    @APIResponse(responseCode = "404", description = "model-not-served: no model of that name is served, and why")
    public ServedView get(@PathParam("name") String name) {
        try (ModelServing.Lease lease = serving.lease(name).orElseThrow(() -> new ProblemException(404,
                "model-not-served", "Model not served", serving.failure(name).map(f -> "model " + name + ": " + f)
                .orElse("no model named " + name + " is served here")))) {
            return ServedView.of(lease.model());
        }
    }

    @POST
    @Path("/{name: [^/:]+}:classify")
    @Blocking
    @Consumes(MediaType.WILDCARD)
    @APIResponse(responseCode = "200")
    @APIResponse(responseCode = "400", description = "bad-top-k, or an image that cannot be decoded")
    @APIResponse(responseCode = "404", description = "model-not-found: no model of that name is served")
    @APIResponse(responseCode = "413", description = "image-too-large: more bytes or pixels than the service takes")
    @APIResponse(responseCode = "415", description = "unsupported-media-type: the body is not an image")
    @APIResponse(responseCode = "503", description = "model-unavailable, busy: try again later")
    public Classification classifyOne(@PathParam("name") String name, InputStream body,
                                      @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                                      @QueryParam("topK") @DefaultValue("5") int topK,
                                      @QueryParam("tenCrop") @DefaultValue("false") boolean tenCrop) {
        checkTopK(topK);
        byte[] bytes = limits.read(body);
        try (InspectedImage image = limits.decode(bytes, contentType, null)) {
            return classify(name, List.of(new ImageClassifier.Named(null, image.image())), topK, tenCrop);
        }
    }

    @POST
    @Path("/{name: [^/:]+}:classify")
    @Blocking
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @APIResponse(responseCode = "200")
    @APIResponse(responseCode = "400", description = "no-files, bad-top-k, or an image that cannot be decoded")
    @APIResponse(responseCode = "404", description = "model-not-found: no model of that name is served")
    @APIResponse(responseCode = "413", description = "too-many-files, image-too-large")
    @APIResponse(responseCode = "415", description = "unsupported-media-type: a part is not an image")
    @APIResponse(responseCode = "503", description = "model-unavailable, busy: try again later")
    public Classification classifyMany(@PathParam("name") String name, @RestForm("file") List<FileUpload> files,
                                       @QueryParam("topK") @DefaultValue("5") int topK,
                                       @QueryParam("tenCrop") @DefaultValue("false") boolean tenCrop) {
        checkTopK(topK);
        if (files == null || files.isEmpty()) {
            throw new ProblemException(400, "no-files", "No images",
                    "the form has no 'file' part: send each image as a part named 'file'");
        }
        limits.checkFileCount(files.size());
        List<ImageClassifier.Named> images = new ArrayList<>();
        // every image of the request is decoded before any is classified, so all hold their memory until the end
        List<InspectedImage> decoded = new ArrayList<>();
        try {
            for (FileUpload file : files) {
                limits.checkSize(file.size());
                byte[] bytes;
                try {
                    bytes = Files.readAllBytes(file.uploadedFile());
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read the uploaded part " + file.fileName(), e);
                }
                InspectedImage image = limits.decode(bytes, file.contentType(), file.fileName());
                decoded.add(image);
                images.add(new ImageClassifier.Named(file.fileName(), image.image()));
            }
            return classify(name, images, topK, tenCrop);
        } finally {
            decoded.forEach(InspectedImage::close);
        }
    }

    /**
     * Samples already preprocessed, as little-endian float32 values, sample after sample (each the model's
     * channels x height x width): what a client that prepares its own tensors sends, with no image decoding.
     * {@code count} says how many samples the body holds.
     */
    @POST
    @Path("/{name: [^/:]+}:classify")
    @Blocking
    @Consumes(TENSOR)
    @APIResponse(responseCode = "200")
    @APIResponse(responseCode = "400", description = "bad-count, bad-tensor, bad-top-k: the body does not hold count "
            + "tensors of the model's input shape")
    @APIResponse(responseCode = "404", description = "model-not-found: no model of that name is served")
    @APIResponse(responseCode = "413", description = "tensor-too-large")
    @APIResponse(responseCode = "503", description = "model-unavailable, busy: try again later")
    public Classification classifyTensors(@PathParam("name") String name, InputStream body,
                                          @HeaderParam(HttpHeaders.CONTENT_LENGTH) Long contentLength,
                                          @QueryParam("count") Integer count,
                                          @QueryParam("topK") @DefaultValue("5") int topK) {
        checkTopK(topK);
        if (count == null || count < 1) {
            throw new ProblemException(400, "bad-count", "Bad count",
                    "a tensor body needs count=N, the number of samples it holds (N >= 1)");
        }
        limits.checkFileCount(count);
        float[] values = TensorBody.read(body, contentLength, limits);
        try {
            return classifier.classifyTensors(name, values, count, topK);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(400, "bad-tensor", "Bad tensor", e.getMessage());
        } catch (ModelUnavailableException e) {
            throw unavailable(e);
        }
    }

    private Classification classify(String name, List<ImageClassifier.Named> images, int topK, boolean tenCrop) {
        try {
            return classifier.classify(name, images, topK, tenCrop);
        } catch (ModelUnavailableException e) {
            throw unavailable(e);
        }
    }

    private static ProblemException unavailable(ModelUnavailableException e) {
        return new ProblemException(e.status(), e.status() == 404 ? "model-not-found" : "model-unavailable",
                e.status() == 404 ? "Model not found" : "Model unavailable", e.getMessage());
    }

    private static void checkTopK(int topK) {
        if (topK < 1 || topK > MAX_TOP_K) {
            throw new ProblemException(400, "bad-top-k", "Bad topK", "topK must be between 1 and " + MAX_TOP_K
                    + ", got " + topK);
        }
    }

    /** A served model as the API shows it. */
    public record ServedView(String name, int version, String onnxKey, String sha256, int channels, int height,
                             int width, List<String> labels, Double testRank1, String jobId,
                             java.time.Instant loadedAt, int queueDepth) {
        static ServedView of(ServedModel model) {
            var d = model.description();
            return new ServedView(d.name(), d.version(), d.onnxKey(), d.sha256(), d.inputShape().channels(),
                    d.inputShape().height(), d.inputShape().width(), d.labels(), d.testMetrics().rank1(), d.jobId(),
                    model.loadedAt(), model.queueDepth());
        }
    }
}
