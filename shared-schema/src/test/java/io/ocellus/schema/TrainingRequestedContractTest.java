package io.ocellus.schema;

import io.ocellus.schema.events.TrainingRequested;
import org.junit.jupiter.api.Test;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class TrainingRequestedContractTest extends EventContractTest<TrainingRequested> {

    @Override
    protected Class<TrainingRequested> type() {
        return TrainingRequested.class;
    }

    @Override
    protected TrainingRequested sample() {
        return SampleEvents.trainingRequested();
    }

    @Override
    protected String optionalField() {
        return "augmentation";
    }

    @Override
    protected Stream<Invalid> invalidCases() {
        return Stream.of(
                invalid("missing hyperParameters", t -> t.remove("hyperParameters"), "$.hyperParameters",
                        "required property 'hyperParameters' is missing"),
                invalid("missing nested learningRate", t -> at(t, "hyperParameters").remove("learningRate"),
                        "$.hyperParameters.learningRate", "required property 'learningRate' is missing"),
                invalid("epochs as number", t -> at(t, "hyperParameters").put("epochs", 2.5),
                        "$.hyperParameters.epochs", "expected integer, found number"),
                invalid("unknown architecture", t -> t.put("architecture", "vgg16"), "$.architecture",
                        "'vgg16' is not one of [shallownet, lenet, minivggnet, alexnet, minigooglenet, resnet, "
                                + "squeezenet]"),
                invalid("unknown optimizer", t -> at(t, "hyperParameters").put("optimizer", "lbfgs"),
                        "$.hyperParameters.optimizer", "'lbfgs' is not one of [sgd, momentum, nesterov"),
                invalid("uppercase schedule type", t -> at(t, "schedule").put("type", "STEP"), "$.schedule.type",
                        "'STEP' is not one of [constant, step, polynomial, time_based]"),
                invalid("zero learning rate", t -> at(t, "hyperParameters").put("learningRate", 0.0),
                        "$.hyperParameters.learningRate", "must be > 0"),
                invalid("momentum of 1", t -> at(t, "hyperParameters").put("momentum", 1.0),
                        "$.hyperParameters.momentum", "must be < 1"),
                invalid("negative rotation", t -> at(t, "augmentation").put("rotationDegrees", -5),
                        "$.augmentation.rotationDegrees", "must be >= 0, found -5"),
                invalid("seed as string", t -> at(t, "hyperParameters").put("seed", "42"),
                        "$.hyperParameters.seed", "expected integer or null, found string"),
                invalid("empty jobId", t -> t.put("jobId", ""), "$.jobId", "must not be empty"),
                invalid("two-channel input shape", t -> at(t, "inputShape").put("channels", 2),
                        "$.inputShape.channels", "2 is not one of [1, 3, 4]"));
    }

    @Test
    void resumeRoundTrips() {
        TrainingRequested resumed = SampleEvents.trainingResumed();
        assertThat(serde.deserialize(serde.serialize(resumed), TrainingRequested.class)).isEqualTo(resumed);
        assertThat(serde.toJson(resumed)).doesNotContain("schedule", "transfer", "momentum");
    }
}
