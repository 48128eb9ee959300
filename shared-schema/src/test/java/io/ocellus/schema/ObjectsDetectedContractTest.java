package io.ocellus.schema;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ocellus.schema.events.ObjectsDetected;
import org.junit.jupiter.api.Test;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class ObjectsDetectedContractTest extends EventContractTest<ObjectsDetected> {

    @Override
    protected Class<ObjectsDetected> type() {
        return ObjectsDetected.class;
    }

    @Override
    protected ObjectsDetected sample() {
        return SampleEvents.objectsDetected();
    }

    @Override
    protected String optionalField() {
        return "annotatedImageKey";
    }

    private static ObjectNode box(ObjectNode root, int i) {
        return (ObjectNode) root.withArray("boxes").get(i);
    }

    @Override
    protected Stream<Invalid> invalidCases() {
        return Stream.of(
                invalid("missing boxes", t -> t.remove("boxes"), "$.boxes", "required property 'boxes' is missing"),
                invalid("missing nmsIou", t -> at(t, "params").remove("nmsIou"), "$.params.nmsIou",
                        "required property 'nmsIou' is missing"),
                invalid("box corner as number", t -> box(t, 1).put("x2", 420.5), "$.boxes[1].x2",
                        "expected integer, found number"),
                invalid("softNms as string", t -> at(t, "params").put("softNms", "false"), "$.params.softNms",
                        "expected boolean, found string"),
                invalid("negative box corner", t -> box(t, 0).put("y1", -3), "$.boxes[0].y1", "must be >= 0, found -3"),
                invalid("pyramid scale of 1", t -> at(t, "params").put("scale", 1.0), "$.params.scale",
                        "must be > 1, found 1.0"),
                invalid("score above 1", t -> box(t, 0).put("score", 1.5), "$.boxes[0].score", "must be <= 1"),
                invalid("zero step", t -> at(t, "params").put("step", 0), "$.params.step", "must be >= 1, found 0"),
                invalid("negative windows", t -> t.put("windowsEvaluated", -1), "$.windowsEvaluated",
                        "must be >= 0, found -1"));
    }

    @Test
    void noDetectionsIsAResult() {
        ObjectsDetected none = SampleEvents.objectsDetectedNone();
        assertThat(serde.deserialize(serde.serialize(none), ObjectsDetected.class)).isEqualTo(none);
        assertThat(serde.toJson(none)).contains("\"boxes\":[]").doesNotContain("annotatedImageKey");
    }
}
