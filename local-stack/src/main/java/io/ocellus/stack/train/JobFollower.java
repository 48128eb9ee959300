package io.ocellus.stack.train;

import com.fasterxml.jackson.databind.JsonNode;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * Follows a job until it ends, polling its state: a live bar over all batches of all epochs on a terminal (epoch,
 * loss, accuracy, img/s in its message), one line per epoch otherwise.
 */
final class JobFollower {

    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration UNKNOWN_TIMEOUT = Duration.ofSeconds(60);

    private final TrainerClient client;
    private final PrintStream err;
    private final boolean terminal;

    JobFollower(TrainerClient client, PrintStream err, boolean terminal) {
        this.client = client;
        this.err = err;
        this.terminal = terminal;
    }

    /** Polls until the job is in a terminal state and returns its final view. */
    JsonNode follow(String jobId) throws InterruptedException {
        long deadline = System.nanoTime() + UNKNOWN_TIMEOUT.toNanos();
        JsonNode job;
        while ((job = client.jobIfKnown(jobId)) == null) {
            if (System.nanoTime() > deadline) {
                throw new TrainAbortedException("the trainer has not picked up job " + jobId + " within "
                        + UNKNOWN_TIMEOUT.toSeconds() + " s; check ./ocellus status and its log");
            }
            Thread.sleep(POLL.toMillis());
        }
        ProgressBar bar = null;
        int printedEpochs = 0;
        try {
            while (true) {
                String status = job.path("status").asText();
                JsonNode progress = job.path("progress");
                int epochs = job.path("epochs").asInt();
                if (terminal && bar == null && progress.has("batches")) {
                    bar = new ProgressBarBuilder().setTaskName("training " + jobId)
                            .setInitialMax((long) epochs * progress.path("batches").asInt())
                            .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK).setUpdateIntervalMillis(250)
                            .setConsumer(new ConsoleProgressBarConsumer(err)).build();
                }
                if (bar != null && progress.has("batches")) {
                    long done = (long) (progress.path("epoch").asInt() - 1) * progress.path("batches").asInt()
                            + progress.path("batch").asInt();
                    bar.stepTo(done);
                    bar.setExtraMessage(String.format(Locale.ROOT, " epoch %d/%d loss %.4f acc %.4f %.0f img/s",
                            progress.path("epoch").asInt(), epochs, progress.path("loss").asDouble(),
                            progress.path("accuracy").asDouble(), progress.path("imagesPerSecond").asDouble()));
                }
                JsonNode history = job.path("history");
                for (; !terminal && printedEpochs < history.size(); printedEpochs++) {
                    err.println(epochLine(history.get(printedEpochs), epochs));
                }
                if (isTerminal(status)) {
                    return job;
                }
                Thread.sleep(POLL.toMillis());
                job = client.job(jobId);
            }
        } finally {
            if (bar != null) {
                bar.close();
            }
        }
    }

    static String epochLine(JsonNode e, int epochs) {
        return String.format(Locale.ROOT, "epoch %d/%d  loss %.4f  acc %.4f  val_loss %s  val_acc %s  lr %.3g  "
                        + "%.0f img/s", e.path("epoch").asInt(), epochs, e.path("trainLoss").asDouble(),
                e.path("trainAccuracy").asDouble(), number(e.path("valLoss")), number(e.path("valAccuracy")),
                e.path("learningRate").asDouble(), e.path("imagesPerSecond").asDouble())
                + (e.path("phase").isTextual() ? "  (" + e.path("phase").asText() + ")" : "");
    }

    private static String number(JsonNode value) {
        return value.isNumber() ? String.format(Locale.ROOT, "%.4f", value.asDouble()) : "-";
    }

    static boolean isTerminal(String status) {
        return !status.equals("QUEUED") && !status.equals("RUNNING");
    }
}
