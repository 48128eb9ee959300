package io.ocellus.schema;

import io.ocellus.schema.events.ImageIngested;
import io.ocellus.schema.events.Task;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class ImageIngestedContractTest extends EventContractTest<ImageIngested> {

    @Override
    protected Class<ImageIngested> type() {
        return ImageIngested.class;
    }

    @Override
    protected ImageIngested sample() {
        return SampleEvents.imageIngested();
    }

    @Override
    protected String optionalField() {
        return "split";
    }

    @Override
    protected Stream<Invalid> invalidCases() {
        return Stream.of(
                invalid("missing imageId", t -> t.remove("imageId"), "$.imageId",
                        "required property 'imageId' is missing"),
                invalid("width as string", t -> t.put("width", "28"), "$.width", "expected integer, found string"),
                invalid("unknown task", t -> t.putArray("tasks").add("fly"), "$.tasks[0]",
                        "'fly' is not one of [classify, detect]"),
                invalid("unknown split", t -> t.put("split", "holdout"), "$.split",
                        "'holdout' is not one of [train, val, test]"),
                invalid("uppercase imageId", t -> t.put("imageId", SampleEvents.IMAGE_ID.toUpperCase()),
                        "$.imageId", "does not match ^[0-9a-f]{64}$"),
                invalid("two channels", t -> t.put("channels", 2), "$.channels", "2 is not one of [1, 3, 4]"),
                invalid("zero size", t -> t.put("size", 0), "$.size", "must be >= 1, found 0"),
                invalid("duplicate tasks", t -> t.putArray("tasks").add("detect").add("detect"), "$.tasks",
                        "items must be unique"),
                invalid("slash in dataset", t -> t.put("dataset", "fashion/mnist"), "$.dataset",
                        "'fashion/mnist' does not match"),
                invalid("time without zone", t -> t.put("ingestedAt", "2025-03-14 09:26:53"), "$.ingestedAt",
                        "'2025-03-14 09:26:53' is not a valid date-time"),
                invalid("width above int range", t -> t.put("width", 3_000_000_000L), "$.width",
                        "out of range of int"));
    }

    @Test
    void tasksMayBeEmptyAndKeepDeclarationOrder() {
        ImageIngested none = SampleEvents.imageIngestedMinimal();
        assertThat(none.tasks()).isEmpty();
        assertThat(serde.toJson(none)).contains("\"tasks\":[]");
        ImageIngested both = SampleEvents.imageIngested();
        assertThat(List.copyOf(both.tasks())).containsExactly(Task.CLASSIFY, Task.DETECT);
        assertThat(both.wants(Task.DETECT)).isTrue();
    }

    @Test
    void acceptsTimesWithOffsets() {
        var tree = sampleTree().put("ingestedAt", "2025-03-14T10:26:53.589+01:00");
        assertThat(serde.deserialize(tree.toString(), ImageIngested.class).ingestedAt())
                .isEqualTo(sample().ingestedAt());
    }
}
