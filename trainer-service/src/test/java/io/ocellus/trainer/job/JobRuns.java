package io.ocellus.trainer.job;

import io.ocellus.schema.events.TrainingRequested;
import io.ocellus.trainer.data.ImageSet;
import io.ocellus.vision.onnx.OnnxClassifier;

import java.time.Duration;

import static org.awaitility.Awaitility.await;

/** What the job tests share: a job submitted and followed to its end, and a published model scored as served. */
final class JobRuns {

    private JobRuns() {
    }

    /** Submits {@code request} and waits, at most {@code patience}, for its job to end. */
    static JobView runToEnd(TrainingJobs jobs, TrainingRequested request, Duration patience) {
        jobs.submit(request);
        return await().atMost(patience).pollInterval(Duration.ofMillis(200))
                .until(() -> jobs.find(request.jobId()).map(JobState::view).orElse(null),
                        view -> view != null && view.status().isTerminal());
    }

    /** Rank-1 of an ONNX model on {@code images} in ONNX Runtime, as the services serve it. */
    static double servedRank1(byte[] onnx, ImageSet images) {
        int correct = 0;
        try (OnnxClassifier served = OnnxClassifier.open(onnx, 1)) {
            float[][] probabilities = served.classify(images.slice(0, images.count()), images.count());
            for (int i = 0; i < probabilities.length; i++) {
                int best = 0;
                for (int k = 1; k < probabilities[i].length; k++) {
                    best = probabilities[i][k] > probabilities[i][best] ? k : best;
                }
                correct += best == images.labels()[i] ? 1 : 0;
            }
        }
        return (double) correct / images.count();
    }
}
