package io.ocellus.vision;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.stream.ImageInputStream;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Decides whether bytes are an image Ocellus accepts. The format is recognised from the bytes, never trusted from
 * the client; the size is read from the header and checked against the pixel limit before any pixel is decoded,
 * so a small file announcing a huge image cannot exhaust memory; then the whole image is decoded, which catches
 * corrupt and truncated files. Ingest, inference and detection check what they are sent through this one class.
 */
public final class ImageInspector {

    static {
        // ImageIO buffers streams it cannot seek in temporary files by default: every decode of bytes already in
        // memory would go through the disk (about five times slower for small images)
        ImageIO.setUseCache(false);
    }

    private final long maxPixels;
    private final DecodeBudget budget;
    private final int workingBytesPerPixel;

    /** An inspector with no memory budget, for tools that decode one image at a time. */
    public ImageInspector(double maxMegapixels) {
        this(maxMegapixels, DecodeBudget.unlimited(), 0);
    }

    /**
     * An inspector that reserves each image's memory in {@code budget} before decoding it: the decoded raster
     * (its samples as stored, e.g. 8 bytes a pixel for 16-bit RGBA) plus {@code workingBytesPerPixel} for the
     * copies the caller makes while using it (4 for one ARGB copy, more for a detector's pyramid).
     */
    public ImageInspector(double maxMegapixels, DecodeBudget budget, int workingBytesPerPixel) {
        if (!(maxMegapixels > 0)) {
            throw new IllegalArgumentException("the megapixel limit must be positive, got " + maxMegapixels);
        }
        if (workingBytesPerPixel < 0) {
            throw new IllegalArgumentException("working bytes per pixel must be >= 0, got " + workingBytesPerPixel);
        }
        this.maxPixels = (long) (maxMegapixels * 1_000_000);
        this.budget = budget;
        this.workingBytesPerPixel = workingBytesPerPixel;
    }

    /** Like {@link #inspect(byte[], String)} for callers that take any accepted format, whatever was declared. */
    public InspectedImage inspect(byte[] bytes) {
        return inspect(bytes, null);
    }

    /**
     * Checks {@code bytes} against the media type the client declared and returns the decoded image, or throws
     * {@link ImageRejectedException} with the HTTP status and reason.
     */
    public InspectedImage inspect(byte[] bytes, String declaredMediaType) {
        if (bytes.length == 0) {
            throw new ImageRejectedException(400, "empty-upload", "the upload is empty");
        }
        ImageFormat declared = declaredMediaType == null ? null : ImageFormat.ofMediaType(declaredMediaType)
                .orElseThrow(() -> new ImageRejectedException(415, "unsupported-media-type", "content type '"
                        + declaredMediaType + "' is not an accepted image type (image/png, image/jpeg, image/bmp, "
                        + "image/gif)"));
        try (ImageInputStream input = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(input);
            if (!readers.hasNext()) {
                throw new ImageRejectedException(415, "not-an-image",
                        "the bytes are not an image in any accepted format (PNG, JPEG, BMP, GIF)");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(input, true, true);
                String formatName = reader.getFormatName();
                ImageFormat actual = ImageFormat.ofImageIoName(formatName).orElseThrow(() ->
                        new ImageRejectedException(415, "unsupported-format",
                                "image format " + formatName + " is not accepted"));
                if (declared != null && actual != declared) {
                    throw new ImageRejectedException(415, "type-mismatch", "content type says "
                            + declared.mediaType() + " but the bytes are " + actual.mediaType());
                }
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                if ((long) width * height > maxPixels) {
                    throw new ImageRejectedException(413, "too-many-pixels", "image is " + width + "x" + height
                            + ", above the limit of " + maxPixels + " pixels");
                }
                if (actual == ImageFormat.PNG) {
                    PngChunks.check(bytes);
                }
                long pixels = (long) width * height;
                long needed = (long) Math.ceil(pixels * (bytesPerPixel(reader) + workingBytesPerPixel));
                DecodeBudget.Reservation reservation = budget.reserve(needed, "a " + width + "x" + height + " "
                        + actual.mediaType() + " image");
                try {
                    // decoders of truncated files often "succeed" with grey fill and only warn: treat a warning as
                    // corrupt
                    List<String> warnings = new ArrayList<>();
                    reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
                    BufferedImage image = reader.read(0);
                    if (!warnings.isEmpty()) {
                        throw new ImageRejectedException(400, "corrupt-image",
                                "the image is corrupt or truncated: " + String.join("; ", warnings));
                    }
                    return new InspectedImage(actual, width, height, image.getColorModel().getNumComponents(), image,
                            reservation);
                } catch (IOException | RuntimeException | OutOfMemoryError e) {
                    reservation.close();
                    throw e;
                }
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof ImageRejectedException rejected) {
                throw rejected;
            }
            if (e instanceof DecodeBudget.BusyException busy) {
                throw busy;
            }
            throw new ImageRejectedException(400, "corrupt-image", "the image cannot be decoded: "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
    }

    /**
     * Bytes a decoded pixel takes in the raster the reader will make: the sum of its sample sizes, at least a byte
     * (a 1-bit image is packed, but its working copies are not).
     */
    static double bytesPerPixel(ImageReader reader) throws IOException {
        ImageTypeSpecifier type = reader.getRawImageType(0);
        if (type == null) {
            Iterator<ImageTypeSpecifier> types = reader.getImageTypes(0);
            type = types.hasNext() ? types.next() : null;
        }
        if (type == null) {
            return 4;
        }
        int bits = 0;
        for (int size : type.getSampleModel().getSampleSize()) {
            bits += size;
        }
        return Math.max(8, bits) / 8.0;
    }
}
