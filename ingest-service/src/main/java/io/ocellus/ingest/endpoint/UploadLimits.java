package io.ocellus.ingest.endpoint;

import io.ocellus.commons.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Size limits of uploads. The HTTP body limit is large because archives stream through; a single image is held in
 * memory, so it is read with its own, much smaller cap and refused with 413 the moment it passes it.
 */
@ApplicationScoped
public class UploadLimits {

    private final long maxImageBytes;
    private final int maxFilesPerRequest;

    public UploadLimits(@ConfigProperty(name = "ocellus.ingest.max-image-bytes") long maxImageBytes,
                        @ConfigProperty(name = "ocellus.ingest.max-files-per-request") int maxFilesPerRequest) {
        this.maxImageBytes = maxImageBytes;
        this.maxFilesPerRequest = maxFilesPerRequest;
    }

    public long maxImageBytes() {
        return maxImageBytes;
    }

    /** Reads one image body, refusing it once it passes the image size limit. */
    public byte[] readImage(InputStream body) {
        if (body == null) {
            return new byte[0];
        }
        try {
            byte[] bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxImageBytes + 1));
            checkImageSize(bytes.length);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the upload", e);
        }
    }

    public void checkImageSize(long size) {
        if (size > maxImageBytes) {
            throw new ProblemException(413, "image-too-large", "Image too large",
                    "an image may have at most " + maxImageBytes + " bytes");
        }
    }

    public void checkFileCount(int files) {
        if (files > maxFilesPerRequest) {
            throw new ProblemException(413, "too-many-files", "Upload rejected", "the form has " + files
                    + " files, above the limit of " + maxFilesPerRequest + " per request");
        }
    }
}
