package io.ocellus.trainer.data;

import io.ocellus.teststack.S3Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A data set larger than the trainer's heap packs, reads back and trains: {@link LargerThanHeapDrill} runs in a
 * JVM of its own with a 96 MiB heap against a real S3 server, on 16,000 train and 300 test images of 48x48 (143 MiB of pixels).
 */
class LargerThanHeapTest {

    private static final int HEAP_MIB = 96;
    private static final int TRAIN_IMAGES = 16_000;

    @TempDir
    Path spool;

    @Test
    void aDataSetLargerThanTheHeapPacksReadsBackAndTrains() throws Exception {
        Map<String, String> results = new HashMap<>();
        int exit;
        try (S3Server s3 = S3Server.start()) {
            Process drill = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-Xmx" + HEAP_MIB + "m", "-cp", System.getProperty("java.class.path"),
                    LargerThanHeapDrill.class.getName(), s3.endpoint(), s3.accessKey(), s3.secretKey(),
                    spool.toString(), String.valueOf(TRAIN_IMAGES))).redirectErrorStream(true).start();
            try (BufferedReader output = new BufferedReader(new InputStreamReader(drill.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = output.readLine()) != null) {
                    System.err.println(line);
                    String[] words = line.split(" ");
                    if (words.length >= 3 && words[0].equals("drill")) {
                        results.put(words[1], words[2]);
                    }
                }
            }
            assertThat(drill.waitFor(5, TimeUnit.MINUTES)).as("the drill ends").isTrue();
            exit = drill.exitValue();
        }

        assertThat(exit).as("the drill's exit status (its output is above)").isZero();
        long heap = Long.parseLong(results.get("heap-mib"));
        assertThat(heap).isLessThanOrEqualTo(HEAP_MIB);
        assertThat(Long.parseLong(results.get("pixels-mib"))).as("pixels larger than the heap")
                .isGreaterThan(heap);
        assertThat(Integer.parseInt(results.get("parts"))).as("the pack is in parts").isGreaterThan(10);
        assertThat(results.get("status")).isEqualTo("COMPLETED");
        assertThat(Double.parseDouble(results.get("test-rank1"))).as("blocks told apart").isGreaterThan(0.9);
    }
}
