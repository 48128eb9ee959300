package io.ocellus.schema;

import io.ocellus.schema.events.ModelPublished;
import org.junit.jupiter.api.Test;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class ModelPublishedContractTest extends EventContractTest<ModelPublished> {

    @Override
    protected Class<ModelPublished> type() {
        return ModelPublished.class;
    }

    @Override
    protected ModelPublished sample() {
        return SampleEvents.modelPublished();
    }

    @Override
    protected String optionalField() {
        return "jobId";
    }

    @Override
    protected Stream<Invalid> invalidCases() {
        return Stream.of(
                invalid("missing labels", t -> t.remove("labels"), "$.labels", "required property 'labels' is missing"),
                invalid("missing preprocessing scale", t -> at(t, "preprocessing").remove("scale"),
                        "$.preprocessing.scale", "required property 'scale' is missing"),
                invalid("version as string", t -> t.put("version", "3"), "$.version", "expected integer, found string"),
                invalid("keepAspect as string", t -> at(t, "preprocessing").put("keepAspect", "yes"),
                        "$.preprocessing.keepAspect", "expected boolean, found string"),
                invalid("five input channels", t -> at(t, "inputShape").put("channels", 5), "$.inputShape.channels",
                        "5 is not one of [1, 3, 4]"),
                invalid("short sha256", t -> t.put("sha256", "2c26b46b"), "$.sha256",
                        "'2c26b46b' does not match ^[0-9a-f]{64}$"),
                invalid("no labels", t -> t.putArray("labels"), "$.labels", "must have at least 1 item(s), found 0"),
                invalid("version zero", t -> t.put("version", 0), "$.version", "must be >= 1, found 0"),
                invalid("rank1 as percent", t -> at(t, "testMetrics").put("rank1", 93.12), "$.testMetrics.rank1",
                        "must be <= 1, found 93.12"),
                invalid("empty label", t -> t.withArray("labels").set(3, ""), "$.labels[3]", "must not be empty"));
    }

    @Test
    void meanAndMissingRank5RoundTrip() {
        ModelPublished rgb = SampleEvents.modelPublishedRgb();
        assertThat(serde.deserialize(serde.serialize(rgb), ModelPublished.class)).isEqualTo(rgb);
        assertThat(serde.toJson(rgb)).contains("\"mean\":[123.68,116.779,103.939]").doesNotContain("rank5");
    }
}
