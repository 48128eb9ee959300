package io.ocellus.stack.imports;

import java.io.FileNotFoundException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One image to upload: where it belongs (split, label), the file name the service reports it under, and its bytes,
 * either in memory (converted samples, a few hundred bytes each) or still on disk (folder imports, streamed from
 * the file when the request is sent so a batch of large photos is never held in memory).
 */
public record Sample(String split, String label, String filename, String contentType, byte[] bytes, Path file,
        long size) {

    public Sample {
        Objects.requireNonNull(split, "split");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(filename, "filename");
        Objects.requireNonNull(contentType, "contentType");
        if ((bytes == null) == (file == null)) {
            throw new IllegalArgumentException("a sample has either bytes or a file");
        }
    }

    public static Sample ofBytes(String split, String label, String filename, String contentType, byte[] bytes) {
        return new Sample(split, label, filename, contentType, bytes, null, bytes.length);
    }

    public static Sample ofFile(String split, String label, Path file, String contentType, long size) {
        return new Sample(split, label, file.getFileName().toString(), contentType, null, file, size);
    }

    /** A fresh publisher for each attempt: a retried request reads the file again. */
    BodyPublisher publisher() {
        if (bytes != null) {
            return BodyPublishers.ofByteArray(bytes);
        }
        try {
            return BodyPublishers.ofFile(file);
        } catch (FileNotFoundException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Samples of one group share one request: the form's label and split apply to every file in it. */
    record Group(String split, String label) {
    }

    Group group() {
        return new Group(split, label);
    }
}
