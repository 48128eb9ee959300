package io.ocellus.monitor;

import io.ocellus.schema.EventSerde;
import io.ocellus.schema.events.Architecture;
import io.ocellus.schema.events.HyperParameters;
import io.ocellus.schema.events.InputShape;
import io.ocellus.schema.events.Optimizer;
import io.ocellus.schema.events.TrainingProgress;
import io.ocellus.schema.events.TrainingRequested;
import io.ocellus.schema.events.TrainingStatus;
import io.ocellus.teststack.KafkaProbe;

import java.time.Instant;
import java.util.UUID;

/** Events as the other services would produce them, sent to the real broker. */
final class MonitorEvents {

    private MonitorEvents() {
    }

    static String id(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static void send(String topic, String key, Object event) {
        KafkaProbe.send(topic, key, EventSerde.instance().serialize(event));
    }

    static TrainingRequested request(String jobId, Instant at) {
        return TrainingRequested.of(jobId, "digits", Architecture.LENET, new InputShape(1, 28, 28),
                new HyperParameters(3, 32, Optimizer.SGD, 0.01, 0.9, null, 1L), null, null, null, null, null, at)
                .withModelName("digits-lenet");
    }

    /** Epoch {@code epoch} of a 3-epoch job, its loss falling and its accuracy rising with the epoch. */
    static TrainingProgress epoch(String jobId, int epoch, Instant at) {
        return TrainingProgress.of(jobId, TrainingStatus.RUNNING, epoch, 3, 1.0 / epoch, 1.2 / epoch,
                0.5 + 0.1 * epoch, 0.45 + 0.1 * epoch, null, 0.01 / epoch, 100.0 * epoch, null, at);
    }

    static String randomImageId() {
        return (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "");
    }

    /** A request with a viewer's token, as every read of monitor-service needs. */
    static io.restassured.specification.RequestSpecification asViewer() {
        return io.restassured.RestAssured.given().auth().oauth2(io.ocellus.teststack.TestTokens.token("vera",
                "viewer"));
    }
}
