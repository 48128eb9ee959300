package io.ocellus.teststack;

import java.util.Arrays;
import java.util.Random;

/**
 * Seeded mutations of valid inputs, as a fuzzer makes them: flipped bits, overwritten bytes and numbers (sizes and
 * lengths in headers), truncations, inserted and repeated slices. The same seed gives the same mutation, so a
 * failing seed is a regression case forever.
 */
public final class Mutations {

    private Mutations() {
    }

    /** One to four mutations of {@code valid}, chosen by {@code random}. */
    public static byte[] of(byte[] valid, Random random) {
        byte[] bytes = valid.clone();
        int count = 1 + random.nextInt(4);
        for (int i = 0; i < count && bytes.length > 0; i++) {
            bytes = switch (random.nextInt(7)) {
                case 0 -> flipBit(bytes, random);
                case 1 -> setByte(bytes, random);
                case 2 -> bigNumber(bytes, random);
                case 3 -> Arrays.copyOf(bytes, random.nextInt(bytes.length));
                case 4 -> insert(bytes, random);
                case 5 -> repeatSlice(bytes, random);
                default -> zeroRun(bytes, random);
            };
        }
        return bytes;
    }

    private static byte[] flipBit(byte[] bytes, Random random) {
        bytes[random.nextInt(bytes.length)] ^= (byte) (1 << random.nextInt(8));
        return bytes;
    }

    private static byte[] setByte(byte[] bytes, Random random) {
        byte[] interesting = {0, (byte) 0xff, 0x7f, (byte) 0x80, 1};
        bytes[random.nextInt(bytes.length)] = random.nextBoolean() ? interesting[random.nextInt(interesting.length)]
                : (byte) random.nextInt(256);
        return bytes;
    }

    /** A 32-bit field overwritten with a boundary value: what breaks width, height and length fields. */
    private static byte[] bigNumber(byte[] bytes, Random random) {
        if (bytes.length < 4) {
            return bytes;
        }
        int[] values = {0, -1, Integer.MAX_VALUE, Integer.MIN_VALUE, 0x10000, 65535, 1 << 24};
        int value = values[random.nextInt(values.length)];
        // headers sit near the start: favour the first 64 bytes
        int at = random.nextInt(4) == 0 ? random.nextInt(bytes.length - 3) : random.nextInt(Math.min(64,
                bytes.length - 3));
        bytes[at] = (byte) (value >>> 24);
        bytes[at + 1] = (byte) (value >>> 16);
        bytes[at + 2] = (byte) (value >>> 8);
        bytes[at + 3] = (byte) value;
        return bytes;
    }

    private static byte[] insert(byte[] bytes, Random random) {
        int at = random.nextInt(bytes.length + 1);
        byte[] extra = new byte[1 + random.nextInt(32)];
        random.nextBytes(extra);
        byte[] out = new byte[bytes.length + extra.length];
        System.arraycopy(bytes, 0, out, 0, at);
        System.arraycopy(extra, 0, out, at, extra.length);
        System.arraycopy(bytes, at, out, at + extra.length, bytes.length - at);
        return out;
    }

    private static byte[] repeatSlice(byte[] bytes, Random random) {
        int from = random.nextInt(bytes.length);
        int length = Math.min(bytes.length - from, 1 + random.nextInt(256));
        int times = 1 + random.nextInt(8);
        byte[] out = new byte[bytes.length + length * times];
        System.arraycopy(bytes, 0, out, 0, from + length);
        for (int t = 0; t < times; t++) {
            System.arraycopy(bytes, from, out, from + length * (t + 1), length);
        }
        System.arraycopy(bytes, from + length, out, from + length * (times + 1), bytes.length - from - length);
        return out;
    }

    private static byte[] zeroRun(byte[] bytes, Random random) {
        int from = random.nextInt(bytes.length);
        Arrays.fill(bytes, from, Math.min(bytes.length, from + 1 + random.nextInt(64)), (byte) 0);
        return bytes;
    }
}
