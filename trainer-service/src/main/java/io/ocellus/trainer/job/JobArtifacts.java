package io.ocellus.trainer.job;

import java.util.Locale;

/**
 * Where a job's files live in the models bucket: {@code jobs/<jobId>/checkpoints/epoch-0007.params},
 * {@code jobs/<jobId>/training-curve.png}, {@code jobs/<jobId>/history.json}, {@code jobs/<jobId>/evaluation.json},
 * a feature-extraction job's {@code jobs/<jobId>/features.h5} and, when someone asked to cancel it,
 * {@code jobs/<jobId>/cancel.json}.
 */
public final class JobArtifacts {

    private JobArtifacts() {
    }

    public static String prefix(String jobId) {
        return "jobs/" + jobId + "/";
    }

    public static String checkpoint(String jobId, int epoch) {
        return prefix(jobId) + "checkpoints/epoch-" + String.format(Locale.ROOT, "%04d", epoch) + ".params";
    }

    public static String curve(String jobId) {
        return prefix(jobId) + "training-curve.png";
    }

    public static String history(String jobId) {
        return prefix(jobId) + "history.json";
    }

    public static String evaluation(String jobId) {
        return prefix(jobId) + "evaluation.json";
    }

    /** A feature-extraction job's features, an HDF5 file. */
    public static String features(String jobId) {
        return prefix(jobId) + "features.h5";
    }

    /** A request to cancel the job, for whichever trainer runs it. */
    public static String cancel(String jobId) {
        return prefix(jobId) + "cancel.json";
    }
}
