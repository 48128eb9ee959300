package io.ocellus.bench;

import io.ocellus.stack.EventsCommand;
import io.ocellus.stack.KafkaCredentials;
import io.ocellus.stack.StackLayout;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * Ingest throughput against two peers in one run on the running local stack: a direct S3 put of the same files,
 * and the floor of an upload, that put followed by one event acknowledged by Kafka ({@link IngestFloorClient}).
 * Ingest does more per image than the put (decode and checks, content addressing, the event and its
 * acknowledgement); against the floor, the ratio says what ingest adds to the work it cannot avoid: the goal is
 * ingest at least 0.8 of the floor.
 */
@Command(name = "ingest-throughput", mixinStandardHelpOptions = true,
        description = "POST N PNG files to ingest-service with M concurrent clients, then put the same files "
                + "straight into S3 with M threads, then put them and announce each on Kafka (acks=all) with M "
                + "threads; print the three rates and ingest's ratio to each peer.")
public class IngestThroughputBenchmark implements Callable<Integer> {

    @Option(names = "--files", defaultValue = "2000", description = "PNG files per side (default ${DEFAULT-VALUE})")
    int files;

    @Option(names = "--clients", defaultValue = "8", description = "concurrent clients (default ${DEFAULT-VALUE})")
    int clients;

    @Option(names = "--size", defaultValue = "64", description = "image width and height (default ${DEFAULT-VALUE})")
    int size;

    @Option(names = "--rounds", defaultValue = "3", description = "alternating rounds of both sides; the best of "
            + "each counts (default ${DEFAULT-VALUE})")
    int rounds;

    @Option(names = "--state-dir", defaultValue = ".ocellus", description = "the local stack's state directory")
    Path stateDir;

    @Override
    public Integer call() throws Exception {
        LocalStack stack = LocalStack.read(stateDir);
        System.out.printf("ingest-throughput: %d PNG files of %dx%d, %d clients, %d rounds%n", files, size, size,
                clients, rounds);
        IngestClient ingest = new IngestClient(stack.ingestUrl(), stack.uploaderToken());
        DirectS3Client direct = new DirectS3Client(stack.s3Endpoint(), stack.s3AccessKey(), stack.s3SecretKey());
        StackLayout layout = new StackLayout(Path.of("").toAbsolutePath(), stateDir.toAbsolutePath());
        Rate bestIngest = null;
        Rate bestDirect = null;
        Rate bestFloor = null;
        try (IngestFloorClient floor = new IngestFloorClient(direct, EventsCommand.bootstrapFromStack(layout),
                KafkaCredentials.adminClientConfig(layout))) {
            for (int round = 1; round <= rounds; round++) {
                // fresh random bytes every round: ingest must never be measured on duplicates
                List<byte[]> images = PngFiles.random(files, size);
                Rate viaIngest = ConcurrentRun.run(images, clients, ingest::upload);
                Rate viaS3 = ConcurrentRun.run(images, clients, direct::put);
                Rate viaFloor = ConcurrentRun.run(images, clients, floor::upload);
                System.out.printf("round %d: ingest %s | direct S3 put %s | put + acknowledged event %s%n", round,
                        viaIngest, viaS3, viaFloor);
                bestIngest = Rate.better(bestIngest, viaIngest);
                bestDirect = Rate.better(bestDirect, viaS3);
                bestFloor = Rate.better(bestFloor, viaFloor);
            }
        }
        direct.close();
        System.out.printf("ingest-service            %s%n", bestIngest);
        System.out.printf("direct S3 put             %s%n", bestDirect);
        System.out.printf("put + acknowledged event  %s%n", bestFloor);
        System.out.printf("ratio ingest/put   %.2f%n", bestIngest.imagesPerSecond() / bestDirect.imagesPerSecond());
        System.out.printf("ratio ingest/floor %.2f (goal >= 0.80)%n",
                bestIngest.imagesPerSecond() / bestFloor.imagesPerSecond());
        String ingestRate = String.format(Locale.ROOT, "%.0f img/s", bestIngest.imagesPerSecond());
        new BenchResult("ingest-throughput").setting("files", files).setting("size", size)
                .setting("clients", clients).setting("rounds", rounds)
                .atLeast("upload, " + size + "x" + size + " PNG, " + clients + " clients", ingestRate,
                        String.format(Locale.ROOT, "S3 put + acks=all event: %.0f img/s",
                                bestFloor.imagesPerSecond()),
                        bestIngest.imagesPerSecond() / bestFloor.imagesPerSecond(), "x", 0.8)
                .reported("upload, " + size + "x" + size + " PNG, " + clients + " clients", ingestRate,
                        String.format(Locale.ROOT, "S3 put: %.0f img/s", bestDirect.imagesPerSecond()),
                        bestIngest.imagesPerSecond() / bestDirect.imagesPerSecond(), "x")
                .writeIfAsked();
        return 0;
    }

    public static void main(String[] args) {
        int exit = new CommandLine(new IngestThroughputBenchmark()).execute(args);
        System.exit(exit);
    }

    record Rate(int images, Duration took) {

        double imagesPerSecond() {
            return images / (took.toNanos() / 1e9);
        }

        static Rate better(Rate a, Rate b) {
            return a == null || b.imagesPerSecond() > a.imagesPerSecond() ? b : a;
        }

        @Override
        public String toString() {
            return String.format("%,.0f images/s (%d in %.2f s)", imagesPerSecond(), images, took.toNanos() / 1e9);
        }
    }
}
