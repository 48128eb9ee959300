package io.ocellus.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Ingest throughput against its peer, a direct S3 put of the same files, in one run on the running local stack.
 * Ingest does more per image (decode and checks, content addressing, the Kafka event and its acknowledgement), so
 * the ratio says what that costs: the goal is at least 0.8.
 */
@Command(name = "ingest-throughput", mixinStandardHelpOptions = true,
        description = "POST N PNG files to ingest-service with M concurrent clients, then put the same files "
                + "straight into S3 with M threads; print both rates and their ratio.")
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
        Rate bestIngest = null;
        Rate bestDirect = null;
        for (int round = 1; round <= rounds; round++) {
            // fresh random bytes every round: ingest must never be measured on duplicates
            List<byte[]> images = PngFiles.random(files, size);
            Rate viaIngest = ConcurrentRun.run(images, clients, ingest::upload);
            Rate viaS3 = ConcurrentRun.run(images, clients, direct::put);
            System.out.printf("round %d: ingest %s | direct S3 put %s%n", round, viaIngest, viaS3);
            bestIngest = Rate.better(bestIngest, viaIngest);
            bestDirect = Rate.better(bestDirect, viaS3);
        }
        direct.close();
        System.out.printf("ingest-service      %s%n", bestIngest);
        System.out.printf("direct S3 put       %s%n", bestDirect);
        System.out.printf("ratio ingest/direct %.2f (goal >= 0.80)%n",
                bestIngest.imagesPerSecond() / bestDirect.imagesPerSecond());
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
