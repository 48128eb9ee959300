package io.ocellus.trainer.training;

/** Hears a run's progress: every batch (for progress bars) and every finished epoch with its checkpoint. */
public interface TrainingListener {

    void onBatch(int epoch, int batch, int batches, double loss, double accuracy, double imagesPerSecond);

    void onEpoch(EpochMetrics metrics, byte[] checkpoint);
}
