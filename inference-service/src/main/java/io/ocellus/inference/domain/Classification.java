package io.ocellus.inference.domain;

import io.ocellus.schema.events.LabelScore;

import java.util.List;

/**
 * The answer to a classification request: the model (or ensemble) and the version(s) that answered, the top-k
 * labels of each image, and how long it took.
 */
public record Classification(String model, Integer version, List<Member> members, List<ImageResult> results,
                             double latencyMillis) {

    /** One model version that took part (for an ensemble, each member). */
    public record Member(String model, int version) {
    }

    /** One image's best labels, best first; {@code name} is its file name in a multipart request. */
    public record ImageResult(String name, List<LabelScore> topK) {
    }
}
