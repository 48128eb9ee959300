package io.ocellus.teststack;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * A valid PNG of one flat colour (all samples zero) of any size, written row by row without a raster: a file of a
 * few hundred kilobytes that decodes to hundreds of megabytes, as a hostile or careless upload would.
 */
public final class FlatPng {

    /** PNG colour types: 0 gray, 2 RGB, 6 RGBA. */
    public static final int GRAY = 0;
    public static final int RGB = 2;
    public static final int RGBA = 6;

    private FlatPng() {
    }

    public static byte[] of(int width, int height, int bitDepth, int colorType) {
        int samples = switch (colorType) {
            case GRAY -> 1;
            case RGB -> 3;
            case RGBA -> 4;
            default -> throw new IllegalArgumentException("colour type " + colorType);
        };
        try {
            ByteArrayOutputStream file = new ByteArrayOutputStream();
            file.write(new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
            ByteArrayOutputStream header = new ByteArrayOutputStream();
            DataOutputStream ihdr = new DataOutputStream(header);
            ihdr.writeInt(width);
            ihdr.writeInt(height);
            ihdr.writeByte(bitDepth);
            ihdr.writeByte(colorType);
            ihdr.writeByte(0);
            ihdr.writeByte(0);
            ihdr.writeByte(0);
            chunk(file, "IHDR", header.toByteArray());
            ByteArrayOutputStream data = new ByteArrayOutputStream();
            byte[] row = new byte[1 + width * samples * bitDepth / 8];
            try (DeflaterOutputStream deflate = new DeflaterOutputStream(data, new Deflater(9), 1 << 16)) {
                for (int y = 0; y < height; y++) {
                    deflate.write(row);
                }
            }
            chunk(file, "IDAT", data.toByteArray());
            chunk(file, "IEND", new byte[0]);
            return file.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same PNG with a wrong CRC on its IHDR chunk (which follows the 13 header bytes). */
    public static byte[] withWrongHeaderCrc(byte[] png) {
        byte[] damaged = png.clone();
        damaged[8 + 4 + 4 + 13] ^= 0x01;
        return damaged;
    }

    private static void chunk(ByteArrayOutputStream file, String type, byte[] data) throws IOException {
        DataOutputStream out = new DataOutputStream(file);
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        out.writeInt(data.length);
        out.write(name);
        out.write(data);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        out.writeInt((int) crc.getValue());
    }
}
