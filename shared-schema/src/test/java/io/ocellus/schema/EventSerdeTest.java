package io.ocellus.schema;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ocellus.schema.events.ImageIngested;
import io.ocellus.schema.events.TrainingProgress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Behaviour of the serde itself, beyond each event's contract. */
class EventSerdeTest {

    private final EventSerde serde = EventSerde.instance();

    static List<Object> samples() {
        return SampleEvents.all();
    }

    @ParameterizedTest
    @MethodSource("samples")
    void everySampleRoundTrips(Object event) {
        assertThat(serde.deserialize(serde.serialize(event), event.getClass())).isEqualTo(event);
    }

    @Test
    void anEmptyOrNullPayloadIsMalformed() {
        assertThatThrownBy(() -> serde.deserialize(new byte[0], ImageIngested.class))
                .isInstanceOf(InvalidEventException.class).hasMessage("$: malformed JSON: empty payload");
        assertThatThrownBy(() -> serde.deserialize((String) null, ImageIngested.class))
                .isInstanceOf(InvalidEventException.class).hasMessage("$: malformed JSON: empty payload");
        assertThatThrownBy(() -> serde.deserialize("   ", ImageIngested.class))
                .isInstanceOf(InvalidEventException.class).hasMessage("$: malformed JSON: no content");
    }

    @Test
    void malformedJsonSaysWhere() {
        InvalidEventException e = (InvalidEventException) org.assertj.core.api.Assertions.catchThrowable(
                () -> serde.deserialize("{\"schemaVersion\": 1,\n \"imageId\": nope}", ImageIngested.class));
        assertThat(e.field()).isEqualTo("$");
        assertThat(e.reason()).startsWith("malformed JSON: ").contains("line 2");
        assertThat(e.getCause()).isNotNull();
    }

    @Test
    void aNumberTooLargeForADoubleIsReportedNotThrownRaw() {
        ObjectNode tree = EventSerde.newObjectMapper().valueToTree(SampleEvents.trainingProgress());
        String json = tree.toString().replace("\"valLoss\":0.3154", "\"valLoss\":1e400");
        assertThatThrownBy(() -> serde.deserialize(json, TrainingProgress.class))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageStartingWith("$.valLoss: must be a finite number, found Infinity");
    }

    @Test
    void duplicateKeysAreMalformed() {
        assertThatThrownBy(() -> serde.deserialize("{\"jobId\":\"a\",\"jobId\":\"b\"}", TrainingProgress.class))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("malformed JSON: Duplicate field");
    }

    @Test
    void aWrongVersionIsReportedBeforeEverythingElse() {
        // A v2 event on a v1 topic differs in many ways; the version is the one that explains them.
        String v2 = "{\"schemaVersion\":2,\"image\":{\"sha256\":\"" + SampleEvents.IMAGE_ID + "\"}}";
        assertThatThrownBy(() -> serde.deserialize(v2, ImageIngested.class))
                .isInstanceOf(InvalidEventException.class)
                .hasMessage("$.schemaVersion: schemaVersion must be 1 (unknown schema version 2)");
    }

    @Test
    void aVersionOfTheWrongTypeSaysSo() {
        ObjectNode tree = EventSerde.newObjectMapper().valueToTree(SampleEvents.imageIngested());
        tree.put("schemaVersion", "1");
        assertThatThrownBy(() -> serde.validate(tree, EventType.IMAGE_INGESTED))
                .isInstanceOf(InvalidEventException.class)
                .hasMessage("$.schemaVersion: expected integer, found string");
    }

    @Test
    void validatesAParsedDocumentAgainstTheOtherEventsSchema() {
        ObjectNode classified = EventSerde.newObjectMapper().valueToTree(SampleEvents.imageClassified());
        assertThatThrownBy(() -> serde.validate(classified, EventType.OBJECTS_DETECTED))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("is missing");
    }

    @Test
    void onlyEventsAreAccepted() {
        assertThatThrownBy(() -> serde.serialize("hello")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> serde.serialize(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> serde.deserialize("{}", String.class)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void isSafeToShareBetweenThreads() throws Exception {
        List<Callable<Boolean>> jobs = IntStream.range(0, 400).<Callable<Boolean>>mapToObj(i -> () -> {
            Object event = SampleEvents.all().get(i % SampleEvents.all().size());
            return serde.deserialize(serde.serialize(event), event.getClass()).equals(event);
        }).toList();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (Future<Boolean> result : pool.invokeAll(jobs)) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theSharedInstanceIsShared() {
        assertThat(EventSerde.instance()).isSameAs(EventSerde.instance());
        assertThat(new EventSerde().toJson(SampleEvents.imageIngested()))
                .isEqualTo(serde.toJson(SampleEvents.imageIngested()));
    }
}
