package io.ocellus.ingest;

import io.ocellus.teststack.FlatPng;
import io.ocellus.teststack.LocalStackResource;
import io.ocellus.teststack.Mutations;
import io.ocellus.teststack.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * Seeded mutations of valid PNG, JPEG, GIF and BMP files and of tar.gz and zip archives, uploaded through the real
 * endpoints: every answer is a 2xx or a 4xx problem, never a 5xx; the service stays ready and its heap bounded. The
 * seeds in {@code fuzz-regressions.txt} run first on every build.
 */
@QuarkusTest
@WithTestResource(value = LocalStackResource.class, scope = TestResourceScope.GLOBAL)
class UploadFuzzTest {

    private static final long FIRST_SEED = 20_261_206L;
    private static final int IMAGE_CASES = 9_400;
    private static final int ARCHIVE_CASES = 600;
    private static final long HEAP_BOUND = 1L << 30;

    private record Valid(String contentType, byte[] bytes, boolean archive) {
    }

    private final List<Valid> corpus = List.of(
            new Valid("image/png", TestImages.png(24, 16), false),
            new Valid("image/png", FlatPng.of(40, 30, 16, FlatPng.RGBA), false),
            new Valid("image/jpeg", TestImages.random("jpeg", BufferedImage.TYPE_INT_RGB, 32, 24), false),
            new Valid("image/gif", TestImages.random("gif", BufferedImage.TYPE_INT_RGB, 20, 20), false),
            new Valid("image/bmp", TestImages.random("bmp", BufferedImage.TYPE_INT_RGB, 18, 14), false),
            new Valid("application/gzip", new TestArchive().file("cat/a.png", TestImages.png(8, 8))
                    .file("dog/b.png", TestImages.png(9, 9)).tarGz(), true),
            new Valid("application/zip", new TestArchive().file("cat/c.png", TestImages.png(7, 7)).zip(), true));

    @Test
    void tenThousandMutatedUploadsGetNoServerError() throws Exception {
        List<Long> seeds = new ArrayList<>(regressionSeeds());
        for (long i = 0; i < IMAGE_CASES + ARCHIVE_CASES; i++) {
            seeds.add(FIRST_SEED + i);
        }
        String token = TestTokens.uploader();
        Map<Long, String> serverErrors = Collections.synchronizedMap(new TreeMap<>());
        Map<Integer, Integer> statuses = Collections.synchronizedMap(new TreeMap<>());
        ExecutorService clients = Executors.newFixedThreadPool(4);
        List<Future<?>> runs = new ArrayList<>();
        for (long seed : seeds) {
            runs.add(clients.submit(() -> {
                int status = upload(seed, token);
                statuses.merge(status, 1, Integer::sum);
                if (status >= 500) {
                    serverErrors.put(seed, "status " + status);
                }
            }));
        }
        for (Future<?> run : runs) {
            run.get(10, TimeUnit.MINUTES);
        }
        clients.shutdown();

        assertThat(serverErrors).as("seeds answered with a server error (add them to fuzz-regressions.txt once "
                + "fixed)").isEmpty();
        System.out.printf("UploadFuzzTest: %d mutated uploads (%d images, %d archives, %d regression seeds), "
                + "0 server errors; answers by status: %s%n", seeds.size(), IMAGE_CASES, ARCHIVE_CASES,
                seeds.size() - IMAGE_CASES - ARCHIVE_CASES, statuses);
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        System.gc();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        assertThat(heap).as("heap in use after the run and a collection").isLessThan(HEAP_BOUND);
    }

    /** Mutates one corpus entry as the seed says and uploads it; returns the status. */
    private int upload(long seed, String token) {
        Random random = new Random(seed);
        Valid valid = pick(seed, random);
        byte[] body = Mutations.of(valid.bytes(), random);
        if (valid.archive()) {
            return given().auth().oauth2(token).contentType(valid.contentType()).body(body)
                    .post("/v1/datasets/fuzz/archive").statusCode();
        }
        return given().auth().oauth2(token).contentType(valid.contentType()).body(body)
                .post("/v1/images").statusCode();
    }

    /** Images for the image seeds, archives for the last ARCHIVE_CASES of the range. */
    private Valid pick(long seed, Random random) {
        List<Valid> images = corpus.stream().filter(v -> !v.archive()).toList();
        List<Valid> archives = corpus.stream().filter(Valid::archive).toList();
        boolean archive = seed >= FIRST_SEED + IMAGE_CASES || (seed < FIRST_SEED && random.nextBoolean());
        List<Valid> from = archive ? archives : images;
        return from.get(random.nextInt(from.size()));
    }

    private static List<Long> regressionSeeds() throws IOException {
        List<Long> seeds = new ArrayList<>();
        try (InputStream in = UploadFuzzTest.class.getResourceAsStream("/fuzz-regressions.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList()) {
                String seed = line.replaceFirst("#.*", "").strip();
                if (!seed.isEmpty()) {
                    seeds.add(Long.parseLong(seed));
                }
            }
        }
        return seeds;
    }
}
