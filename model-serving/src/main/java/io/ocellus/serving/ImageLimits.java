package io.ocellus.serving;

import io.ocellus.commons.problem.ProblemException;
import io.ocellus.vision.DecodeBudget;
import io.ocellus.vision.ImageInspector;
import io.ocellus.vision.ImageRejectedException;
import io.ocellus.vision.InspectedImage;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.OptionalLong;
import java.util.function.LongConsumer;

/**
 * What a request to a model server may send: images of at most {@code max-image-bytes} bytes and
 * {@code max-megapixels} pixels (checked from the header before decoding), at most {@code max-files} per request.
 * A body of preprocessed float32 values has the same byte limit, and a refusal that names it as a tensor. Decoded
 * images share a memory budget ({@code decode-budget}, a share of the heap), measured from each image's header:
 * its raster plus {@code working-bytes-per-pixel} for the copies the service makes while using it.
 */
@ApplicationScoped
public class ImageLimits {

    private final long maxImageBytes;
    private final int maxFiles;
    private final ImageInspector inspector;

    public ImageLimits(@ConfigProperty(name = "ocellus.serving.max-image-bytes", defaultValue = "16777216")
                       long maxImageBytes,
                       @ConfigProperty(name = "ocellus.serving.max-files", defaultValue = "256") int maxFiles,
                       @ConfigProperty(name = "ocellus.serving.max-megapixels", defaultValue = "40")
                       double maxMegapixels,
                       @ConfigProperty(name = "ocellus.serving.decode-budget", defaultValue = "0.5")
                       double decodeBudget,
                       @ConfigProperty(name = "ocellus.serving.decode-budget-mib") OptionalLong decodeBudgetMib,
                       @ConfigProperty(name = "ocellus.serving.working-bytes-per-pixel", defaultValue = "4")
                       int workingBytesPerPixel) {
        this.maxImageBytes = maxImageBytes;
        this.maxFiles = maxFiles;
        this.inspector = new ImageInspector(maxMegapixels, DecodeBudget.of(decodeBudget, decodeBudgetMib),
                workingBytesPerPixel);
    }

    /** The body of an image request; 413 above the limit. */
    public byte[] read(InputStream body) {
        return read(body, this::checkSize);
    }

    /** The body of a tensor request (float32 values); 413 above the limit. */
    public byte[] readTensor(InputStream body) {
        return read(body, this::checkTensorSize);
    }

    private byte[] read(InputStream body, LongConsumer check) {
        if (body == null) {
            return new byte[0];
        }
        try {
            byte[] bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxImageBytes + 1));
            check.accept(bytes.length);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the request body", e);
        }
    }

    public void checkSize(long size) {
        if (size > maxImageBytes) {
            throw new ProblemException(413, "image-too-large", "Image too large",
                    "an image may have at most " + maxImageBytes + " bytes");
        }
    }

    public void checkTensorSize(long size) {
        if (size > maxImageBytes) {
            throw new ProblemException(413, "tensor-too-large", "Tensor too large",
                    "a tensor body may have at most " + maxImageBytes + " bytes (" + maxImageBytes / Float.BYTES
                            + " float32 values); send fewer samples per request");
        }
    }

    public void checkFileCount(int files) {
        if (files > maxFiles) {
            throw new ProblemException(413, "too-many-files", "Too many images", "the form has " + files
                    + " files, above the limit of " + maxFiles + " per request");
        }
    }

    /**
     * The decoded image, or a problem with the status and reason ({@code name} says which file): 413 for an image
     * whose pixels could never fit this service's memory, 503 while other images hold it. The caller closes the
     * image when it is done with the pixels.
     */
    public InspectedImage decode(byte[] bytes, String contentType, String name) {
        try {
            return inspector.inspect(bytes, contentType);
        } catch (ImageRejectedException e) {
            throw new ProblemException(e.status(), e.slug(), "Image rejected",
                    (name == null ? "" : name + ": ") + e.getMessage());
        } catch (DecodeBudget.BusyException e) {
            throw new ProblemException(503, "busy", "Busy", (name == null ? "" : name + ": ") + e.getMessage());
        }
    }

    /**
     * A stored image named by an event, checked as an upload is (format, pixels, memory) before its pixels are
     * decoded: {@link ImageRejectedException} for an image that can never be used, {@link DecodeBudget.BusyException}
     * while memory is taken by others. The caller closes the image.
     */
    public InspectedImage decodeStored(byte[] bytes) {
        return inspector.inspect(bytes);
    }
}
