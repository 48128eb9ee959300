package io.ocellus.ingest.domain.archive;

import io.ocellus.vision.ImageFormat;

import java.util.Map;
import java.util.Optional;

/**
 * An entry's declared type comes from its extension, as a file manager would show it; ImageIngestion then checks
 * it against the bytes, so a PNG named .jpg is refused as a type mismatch like a mislabelled upload.
 */
final class ImageExtensions {

    private static final Map<String, ImageFormat> FORMATS = Map.of("png", ImageFormat.PNG, "jpg", ImageFormat.JPEG,
            "jpeg", ImageFormat.JPEG, "bmp", ImageFormat.BMP, "gif", ImageFormat.GIF);

    private ImageExtensions() {
    }

    static Optional<String> mediaTypeOf(EntryPath path) {
        return Optional.ofNullable(FORMATS.get(path.extension())).map(ImageFormat::mediaType);
    }

    static String accepted() {
        return ".png, .jpg, .jpeg, .bmp, .gif";
    }
}
