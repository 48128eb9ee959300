package io.ocellus.samples;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reads IDX files (the MNIST / Fashion-MNIST format): big-endian, images with a 16-byte header (magic 2051,
 * count, rows, columns) and labels with an 8-byte header (magic 2049, count), gzipped or not. Every malformed
 * file is refused with what was expected and what was found, never read as garbage pixels.
 */
public final class IdxFile {

    static final int IMAGES_MAGIC = 2051;
    static final int LABELS_MAGIC = 2049;

    private IdxFile() {
    }

    /** All labels of a label file (one byte each: 60,000 bytes for the largest set). */
    public static byte[] readLabels(Path file) throws IOException {
        try (DataInputStream in = open(file)) {
            int magic = header(in, file, "label");
            if (magic != LABELS_MAGIC) {
                throw new IdxFormatException(file + ": magic number " + magic + ", expected " + LABELS_MAGIC
                        + " (an IDX label file)");
            }
            int count = count(in, file, "labels");
            byte[] labels = in.readNBytes(count);
            if (labels.length < count) {
                throw new IdxFormatException(file + " is truncated: the header announces " + count
                        + " labels, the file has " + labels.length);
            }
            return labels;
        }
    }

    /** An open image file, positioned at its first image; read images one by one with {@link Images#next()}. */
    public static Images openImages(Path file) throws IOException {
        DataInputStream in = open(file);
        try {
            int magic = header(in, file, "image");
            if (magic != IMAGES_MAGIC) {
                throw new IdxFormatException(file + ": magic number " + magic + ", expected " + IMAGES_MAGIC
                        + " (an IDX image file)");
            }
            int count = count(in, file, "images");
            int rows = in.readInt();
            int columns = in.readInt();
            if (rows <= 0 || columns <= 0 || (long) rows * columns > 1 << 24) {
                throw new IdxFormatException(file + ": implausible image size " + rows + "x" + columns);
            }
            return new Images(file, in, count, rows, columns);
        } catch (EOFException e) {
            in.close();
            throw new IdxFormatException(file + " is truncated inside its 16-byte header");
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    private static DataInputStream open(Path file) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        raw.mark(2);
        boolean gzipped = raw.read() == 0x1f && raw.read() == 0x8b;
        raw.reset();
        return new DataInputStream(gzipped ? new BufferedInputStream(new GZIPInputStream(raw, 1 << 16)) : raw);
    }

    private static int header(DataInputStream in, Path file, String kind) throws IOException {
        try {
            return in.readInt();
        } catch (EOFException e) {
            throw new IdxFormatException(file + " is too short for an IDX " + kind + " file");
        }
    }

    private static int count(DataInputStream in, Path file, String what) throws IOException {
        int count = in.readInt();
        if (count < 0) {
            throw new IdxFormatException(file + ": negative number of " + what + " " + count);
        }
        return count;
    }

    /** Images of an open IDX file, read in order. */
    public static final class Images implements AutoCloseable {

        private final Path file;
        private final DataInputStream in;
        private final int count;
        private final int rows;
        private final int columns;
        private int read;

        Images(Path file, DataInputStream in, int count, int rows, int columns) {
            this.file = file;
            this.in = in;
            this.count = count;
            this.rows = rows;
            this.columns = columns;
        }

        public int count() {
            return count;
        }

        public int rows() {
            return rows;
        }

        public int columns() {
            return columns;
        }

        public boolean hasNext() {
            return read < count;
        }

        /** The next image's pixels, row by row, one unsigned byte each. */
        public byte[] next() throws IOException {
            if (!hasNext()) {
                throw new IllegalStateException("all " + count + " images were read");
            }
            byte[] pixels = in.readNBytes(rows * columns);
            if (pixels.length < rows * columns) {
                throw new IdxFormatException(file + " is truncated: the header announces " + count + " images of "
                        + rows + "x" + columns + ", the file ends in image " + (read + 1));
            }
            read++;
            return pixels;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    /** A file that is not what its name promises. */
    public static final class IdxFormatException extends IOException {
        public IdxFormatException(String message) {
            super(message);
        }
    }
}
