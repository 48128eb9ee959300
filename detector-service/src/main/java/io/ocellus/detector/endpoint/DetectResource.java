package io.ocellus.detector.endpoint;

import io.ocellus.commons.problem.ProblemException;
import io.ocellus.detector.domain.DetectionSettings;
import io.ocellus.detector.domain.InvalidDetectionException;
import io.ocellus.detector.domain.SceneDetector;
import io.ocellus.schema.events.ObjectsDetected;
import io.ocellus.schema.store.ContentKeys;
import io.ocellus.serving.ImageLimits;
import io.ocellus.vision.InspectedImage;
import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.io.InputStream;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code POST /v1/detect}: one image as the raw body, the search as query parameters (model, window, step, scale,
 * minSize, minScore, nmsIou, softNms, nmsAcrossClasses, labels); the answer is what {@code ObjectsDetected} carries, with the key of
 * the annotated image in {@code ocellus-detections}.
 */
@Path("/v1/detect")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class DetectResource {

    private final SceneDetector detector;
    private final ImageLimits limits;

    public DetectResource(SceneDetector detector, ImageLimits limits) {
        this.detector = detector;
        this.limits = limits;
    }

    @POST
    @Blocking
    @Consumes(MediaType.WILDCARD)
    @APIResponse(responseCode = "200")
    @APIResponse(responseCode = "400", description = "bad-detection-parameters, unknown-labels, unknown-model, or an "
            + "image that cannot be decoded")
    @APIResponse(responseCode = "413", description = "image-too-large, too-many-windows: more bytes, pixels or "
            + "windows than the service takes")
    @APIResponse(responseCode = "415", description = "unsupported-media-type: the body is not an image")
    @APIResponse(responseCode = "503", description = "no-model, model-unavailable, model-overloaded, "
            + "registry-unavailable, busy: try again later")
    public ObjectsDetected detect(InputStream body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                                  @QueryParam("model") String model, @QueryParam("window") Integer window,
                                  @QueryParam("step") Integer step, @QueryParam("scale") Double scale,
                                  @QueryParam("minSize") Integer minSize, @QueryParam("minScore") Double minScore,
                                  @QueryParam("nmsIou") Double nmsIou, @QueryParam("softNms") Boolean softNms,
                                  @QueryParam("nmsAcrossClasses") Boolean acrossClasses,
                                  @QueryParam("labels") String labels) {
        Set<String> ofInterest = labels == null || labels.isBlank() ? Set.of()
                : Arrays.stream(labels.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .collect(Collectors.toSet());
        try {
            // the parameters first: they are refused the same whether or not a model is served
            DetectionSettings settings = new DetectionSettings(model, window, step, scale, minSize, minScore,
                    nmsIou, softNms, acrossClasses, ofInterest);
            byte[] bytes = limits.read(body);
            try (InspectedImage image = limits.decode(bytes, contentType, null)) {
                return detector.detect(ContentKeys.sha256(bytes), image.image(), settings, "http");
            }
        } catch (InvalidDetectionException e) {
            throw new ProblemException(e.status(), e.slug(), "Detection refused", e.getMessage());
        }
    }
}
