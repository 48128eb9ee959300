package io.ocellus.monitor.domain;

import java.time.Instant;

/** One published version of a model with its test metrics (rank-5 is null under five classes). */
public record ModelVersionView(int version, double testRank1, Double testRank5, String jobId, String sha256,
                               Instant publishedAt) {
}
