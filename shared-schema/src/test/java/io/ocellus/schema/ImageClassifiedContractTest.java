package io.ocellus.schema;

import io.ocellus.schema.events.ImageClassified;

import java.util.stream.Stream;

class ImageClassifiedContractTest extends EventContractTest<ImageClassified> {

    @Override
    protected Class<ImageClassified> type() {
        return ImageClassified.class;
    }

    @Override
    protected ImageClassified sample() {
        return SampleEvents.imageClassified();
    }

    @Override
    protected String optionalField() {
        return "explanation"; // no optional v1 field yet: checks that a future one sent as null is harmless
    }

    @Override
    protected Stream<Invalid> invalidCases() {
        return Stream.of(
                invalid("missing modelVersion", t -> t.remove("modelVersion"), "$.modelVersion",
                        "required property 'modelVersion' is missing"),
                invalid("missing probability", t -> ((com.fasterxml.jackson.databind.node.ObjectNode)
                        t.withArray("topK").get(1)).remove("probability"), "$.topK[1].probability",
                        "required property 'probability' is missing"),
                invalid("topK as object", t -> t.putObject("topK").put("Ankle boot", 0.97), "$.topK",
                        "expected array, found object"),
                invalid("probability above 1", t -> ((com.fasterxml.jackson.databind.node.ObjectNode)
                        t.withArray("topK").get(0)).put("probability", 97.31), "$.topK[0].probability",
                        "must be <= 1, found 97.31"),
                invalid("empty topK", t -> t.putArray("topK"), "$.topK", "must have at least 1 item(s), found 0"),
                invalid("negative latency", t -> t.put("latencyMillis", -0.5), "$.latencyMillis",
                        "must be >= 0, found -0.5"),
                invalid("imageId not hex", t -> t.put("imageId", "cat.png"), "$.imageId",
                        "'cat.png' does not match ^[0-9a-f]{64}$"),
                invalid("time as epoch millis", t -> t.put("classifiedAt", 1741948920017L), "$.classifiedAt",
                        "expected string, found integer"));
    }
}
