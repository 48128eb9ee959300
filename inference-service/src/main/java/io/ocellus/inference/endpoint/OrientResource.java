package io.ocellus.inference.endpoint;

import io.ocellus.commons.problem.ProblemException;
import io.ocellus.inference.domain.Classification;
import io.ocellus.inference.domain.ImageClassifier;
import io.ocellus.inference.domain.ModelUnavailableException;
import io.ocellus.schema.events.LabelScore;
import io.ocellus.serving.ImageLimits;
import io.ocellus.vision.InspectedImage;
import io.ocellus.vision.Orientation;
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
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;

/**
 * Sets an image upright: an orientation model (one whose labels are the angles 0, 90, 180 and 270, trained on an
 * orientation data set) says how far the image is turned, and the answer is the image turned back, as PNG, with
 * the angle found, the turn applied and the model's confidence in headers.
 */
@Path("/v1/orient")
@Authenticated
public class OrientResource {

    /** How far the image was found turned, in degrees clockwise. */
    public static final String ANGLE = "Ocellus-Angle";
    /** The turn applied to set it upright, in degrees clockwise. */
    public static final String CORRECTION = "Ocellus-Correction";
    /** The model's probability for the angle found. */
    public static final String SCORE = "Ocellus-Score";
    /** The model and version that answered, {@code name:version}. */
    public static final String MODEL = "Ocellus-Model";

    private final ImageClassifier classifier;
    private final ImageLimits limits;
    private final String defaultModel;

    public OrientResource(ImageClassifier classifier, ImageLimits limits,
                          @ConfigProperty(name = "ocellus.inference.orientation-model", defaultValue = "orientation")
                          String defaultModel) {
        this.classifier = classifier;
        this.limits = limits;
        this.defaultModel = defaultModel;
    }

    @POST
    @Blocking
    @Consumes(MediaType.WILDCARD)
    @Produces("image/png")
    @APIResponse(responseCode = "200", description = "The image turned upright, as PNG; the headers Ocellus-Angle, "
            + "Ocellus-Correction, Ocellus-Score and Ocellus-Model say what was found")
    @APIResponse(responseCode = "400", description = "an image that cannot be decoded")
    @APIResponse(responseCode = "404", description = "model-not-found: no model of that name is served")
    @APIResponse(responseCode = "413", description = "image-too-large: more bytes or pixels than the service takes")
    @APIResponse(responseCode = "415", description = "unsupported-media-type: the body is not an image")
    @APIResponse(responseCode = "422", description = "not-an-orientation-model: the model's labels are not the angles "
            + "0, 90, 180, 270")
    @APIResponse(responseCode = "503", description = "model-unavailable, busy: try again later")
    public Response orient(InputStream body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                           @QueryParam("model") String model) {
        String name = model == null || model.isBlank() ? defaultModel : model;
        byte[] bytes = limits.read(body);
        try (InspectedImage image = limits.decode(bytes, contentType, null)) {
            Classification answer;
            try {
                answer = classifier.classify(name, List.of(new ImageClassifier.Named(null, image.image())), 4,
                        false);
            } catch (ModelUnavailableException e) {
                throw new ProblemException(e.status(), e.status() == 404 ? "model-not-found" : "model-unavailable",
                        e.status() == 404 ? "Model not found" : "Model unavailable", e.getMessage()
                        + (e.status() == 404 ? "; train an orientation model (samples/orientation-fashion-mnist.yaml)"
                        + " or name one with ?model=" : ""));
            }
            LabelScore best = answer.results().get(0).topK().get(0);
            int angle;
            try {
                angle = Orientation.angleOf(best.label());
            } catch (IllegalArgumentException e) {
                throw new ProblemException(422, "not-an-orientation-model", "Not an orientation model",
                        "model " + name + " answered '" + best.label() + "': " + e.getMessage());
            }
            int correction = Math.floorMod(360 - angle, 360);
            return Response.ok(png(Orientation.corrected(image.image(), angle)), "image/png")
                    .header(ANGLE, angle)
                    .header(CORRECTION, correction)
                    .header(SCORE, String.format(Locale.ROOT, "%.4f", best.probability()))
                    .header(MODEL, answer.model() + ":" + answer.version())
                    .build();
        }
    }

    /**
     * The image as PNG, its pixels as they are; a sample layout the PNG writer does not take (a decoded CMYK JPEG,
     * say) is drawn into plain ARGB first, so that every image the service decodes gets an answer.
     */
    private static byte[] png(BufferedImage image) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (ImageIO.write(image, "png", out)) {
                return out.toByteArray();
            }
            BufferedImage argb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_ARGB);
            java.awt.Graphics2D graphics = argb.createGraphics();
            graphics.drawImage(image, 0, 0, null);
            graphics.dispose();
            out.reset();
            ImageIO.write(argb, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
