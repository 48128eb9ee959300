package io.ocellus.inference.endpoint;

import io.ocellus.commons.problem.ProblemException;
import io.ocellus.serving.ImageLimits;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Reads a body of little-endian float32 values. When the client announced its length, the values are decoded
 * chunk by chunk straight into one array of that length: a batch of samples is megabytes, and reading it whole
 * into bytes first would double what each request allocates and copies.
 */
final class TensorBody {

    private static final int CHUNK = 64 * 1024;

    private TensorBody() {
    }

    static float[] read(InputStream body, Long contentLength, ImageLimits limits) {
        if (contentLength == null || contentLength < 0) {
            return decode(limits.readTensor(body));
        }
        limits.checkTensorSize(contentLength);
        checkWhole(contentLength);
        float[] values = new float[(int) (contentLength / Float.BYTES)];
        byte[] chunk = new byte[(int) Math.min(CHUNK, contentLength)];
        DataInputStream in = new DataInputStream(body);
        try {
            int at = 0;
            while (at < values.length) {
                int floats = Math.min(chunk.length / Float.BYTES, values.length - at);
                in.readFully(chunk, 0, floats * Float.BYTES);
                ByteBuffer.wrap(chunk, 0, floats * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer()
                        .get(values, at, floats);
                at += floats;
            }
        } catch (EOFException e) {
            throw new ProblemException(400, "bad-tensor", "Bad tensor", "the body ended before the "
                    + contentLength + " bytes its Content-Length announced");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the request body", e);
        }
        return values;
    }

    private static float[] decode(byte[] bytes) {
        checkWhole(bytes.length);
        float[] values = new float[bytes.length / Float.BYTES];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
        return values;
    }

    private static void checkWhole(long bytes) {
        if (bytes % Float.BYTES != 0) {
            throw new ProblemException(400, "bad-tensor", "Bad tensor", "the body has " + bytes
                    + " bytes, not a whole number of float32 values");
        }
    }
}
