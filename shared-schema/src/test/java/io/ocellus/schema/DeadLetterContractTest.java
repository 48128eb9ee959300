package io.ocellus.schema;

import io.ocellus.schema.events.DeadLetter;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class DeadLetterContractTest extends EventContractTest<DeadLetter> {

    @Override
    protected Class<DeadLetter> type() {
        return DeadLetter.class;
    }

    @Override
    protected DeadLetter sample() {
        return SampleEvents.deadLetter();
    }

    @Override
    protected String optionalField() {
        return "consumerGroup";
    }

    @Override
    protected Stream<Invalid> invalidCases() {
        return Stream.of(
                invalid("missing payloadBase64", t -> t.remove("payloadBase64"), "$.payloadBase64",
                        "required property 'payloadBase64' is missing"),
                invalid("partition as string", t -> t.put("partition", "2"), "$.partition",
                        "expected integer, found string"),
                invalid("negative offset", t -> t.put("offset", -1), "$.offset", "must be >= 0, found -1"),
                invalid("empty topic", t -> t.put("originalTopic", ""), "$.originalTopic", "must not be empty"),
                invalid("payload not base64", t -> t.put("payloadBase64", "{\"raw\": json}"), "$.payloadBase64",
                        "does not match ^[A-Za-z0-9+/]*={0,2}$"),
                invalid("empty reason", t -> t.put("reason", ""), "$.reason", "must not be empty"));
    }

    @Test
    void carriesTheOriginalBytesExactly() {
        byte[] notJson = {(byte) 0xff, 0x00, (byte) 0xfe, '{', '\n'};
        DeadLetter letter = DeadLetter.of(Topics.DETECTIONS, 0, 7L, null, notJson, new IllegalStateException(),
                ConsumerGroups.MONITOR, Instant.parse("2025-03-14T10:43:00Z"));
        DeadLetter read = serde.deserialize(serde.serialize(letter), DeadLetter.class);
        assertThat(read.payload()).containsExactly(notJson);
        assertThat(read.errorClass()).isEqualTo("java.lang.IllegalStateException");
        assertThat(read.reason()).isEqualTo("IllegalStateException");
        assertThat(serde.toJson(read)).doesNotContain("\"payload\"", "\"key\"");
    }

    @Test
    void aTombstoneBecomesAnEmptyPayload() {
        DeadLetter letter = DeadLetter.of(Topics.IMAGES_INGESTED, 1, 0L, "k", null, "java.lang.NullPointerException",
                "value was null", null, Instant.parse("2025-03-14T10:43:00Z"));
        assertThat(letter.payloadBase64()).isEmpty();
        assertThat(serde.deserialize(serde.toJson(letter), DeadLetter.class).payload()).isEmpty();
        assertThat(new String(SampleEvents.deadLetter().payload(), StandardCharsets.UTF_8)).startsWith("{\"schema");
    }
}
