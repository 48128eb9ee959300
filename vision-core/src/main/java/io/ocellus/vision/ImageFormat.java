package io.ocellus.vision;

import java.util.Arrays;
import java.util.Optional;

/** The image formats Ocellus accepts, with their media type and the ImageIO format name that decodes them. */
public enum ImageFormat {
    PNG("image/png", "png"),
    JPEG("image/jpeg", "jpeg"),
    BMP("image/bmp", "bmp"),
    GIF("image/gif", "gif");

    private final String mediaType;
    private final String imageIoName;

    ImageFormat(String mediaType, String imageIoName) {
        this.mediaType = mediaType;
        this.imageIoName = imageIoName;
    }

    public String mediaType() {
        return mediaType;
    }

    public static Optional<ImageFormat> ofMediaType(String mediaType) {
        String bare = mediaType == null ? "" : mediaType.split(";")[0].trim().toLowerCase();
        if (bare.equals("image/jpg") || bare.equals("image/pjpeg")) {
            return Optional.of(JPEG);
        }
        if (bare.equals("image/x-ms-bmp") || bare.equals("image/x-bmp")) {
            return Optional.of(BMP);
        }
        return Arrays.stream(values()).filter(f -> f.mediaType.equals(bare)).findFirst();
    }

    public static Optional<ImageFormat> ofImageIoName(String name) {
        return Arrays.stream(values()).filter(f -> f.imageIoName.equalsIgnoreCase(name)).findFirst();
    }
}
