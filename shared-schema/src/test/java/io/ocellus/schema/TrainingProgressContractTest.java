package io.ocellus.schema;

import io.ocellus.schema.events.TrainingProgress;
import io.ocellus.schema.events.TrainingStatus;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrainingProgressContractTest extends EventContractTest<TrainingProgress> {

    @Override
    protected Class<TrainingProgress> type() {
        return TrainingProgress.class;
    }

    @Override
    protected TrainingProgress sample() {
        return SampleEvents.trainingProgress();
    }

    @Override
    protected String optionalField() {
        return "valRank5";
    }

    @Override
    protected Stream<Invalid> invalidCases() {
        return Stream.of(
                invalid("missing status", t -> t.remove("status"), "$.status",
                        "required property 'status' is missing"),
                invalid("epoch as string", t -> t.put("epoch", "12"), "$.epoch",
                        "expected integer or null, found string"),
                invalid("lowercase status", t -> t.put("status", "running"), "$.status",
                        "'running' is not one of [QUEUED, RUNNING, COMPLETED, EARLY_STOPPED, CANCELLED, FAILED, "
                                + "DIVERGED]"),
                invalid("accuracy above 1", t -> t.put("valAccuracy", 88.6), "$.valAccuracy",
                        "must be <= 1, found 88.6"),
                invalid("NaN loss as string", t -> t.put("trainLoss", "NaN"), "$.trainLoss",
                        "expected number or null, found string"),
                invalid("negative images per second", t -> t.put("imagesPerSecond", -1.0), "$.imagesPerSecond",
                        "must be >= 0"));
    }

    @Test
    void statusOnlyEventsCarryNoMetrics() {
        TrainingProgress queued = TrainingProgress.status("job-1", TrainingStatus.QUEUED, null,
                Instant.parse("2025-03-14T10:00:01Z"));
        assertThat(serde.toJson(queued)).isEqualTo("{\"schemaVersion\":1,\"jobId\":\"job-1\",\"status\":\"QUEUED\","
                + "\"at\":\"2025-03-14T10:00:01Z\"}");
        assertThat(queued.status().isTerminal()).isFalse();
        assertThat(SampleEvents.trainingDiverged().status().isTerminal()).isTrue();
    }

    @Test
    void truncatedJsonSaysWhereTheObjectOpened() {
        String json = sampleTree().toString();
        assertThatThrownBy(() -> serde.deserialize(json.substring(0, json.length() - 1), TrainingProgress.class))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageStartingWith("$: malformed JSON: Unexpected end-of-input: expected close marker for Object "
                        + "(opened at line 1, column 1)")
                .hasMessageNotContaining("REDACTED");
    }

    @Test
    void aNanLossCannotBeWritten() {
        TrainingProgress nan = TrainingProgress.of("job-1", TrainingStatus.RUNNING, 3, 40, Double.NaN, null, null,
                null, null, 0.1, null, null, Instant.parse("2025-03-14T10:00:01Z"));
        assertThatThrownBy(() -> serde.serialize(nan)).isInstanceOf(InvalidEventException.class)
                .hasMessageStartingWith("$.trainLoss: must be a finite number, found NaN");
    }
}
