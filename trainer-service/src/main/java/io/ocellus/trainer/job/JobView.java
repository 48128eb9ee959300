package io.ocellus.trainer.job;

import io.ocellus.schema.events.TrainingStatus;
import io.ocellus.trainer.training.EpochMetrics;

import java.util.List;

/**
 * A job as the REST API shows it: its request in brief, status, where its data came from (a pack or the images),
 * the running batch, history and evaluation, and the model version it published.
 */
public record JobView(String jobId, String dataset, String architecture, int epochs, TrainingStatus status,
                      String reason, String dataSource, JobState.BatchProgress progress, List<EpochMetrics> history,
                      Evaluation evaluation, String curveKey, JobState.PublishedModel model) {
}
