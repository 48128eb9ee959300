package io.ocellus.teststack;

import io.ocellus.commons.storage.ObjectStore;
import io.ocellus.commons.storage.ObjectStoreConfig;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * What every Ocellus service must do against the real broker and store: be live and ready (Kafka and S3 checked),
 * export Prometheus metrics, own its buckets, store and read back objects. A service's test extends this,
 * annotated {@code @QuarkusTest} and with {@link LocalStackResource}; a consuming service's test extends
 * {@link ConsumerContractTest}.
 */
public abstract class ServiceContractTest {

    @Inject
    protected ObjectStore store;

    @Inject
    protected ObjectStoreConfig storeConfig;

    @Test
    void liveAndReadyWithKafkaAndObjectStoreChecked() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body(containsString("Object store"))
                .body(containsString("Kafka"));
    }

    @Test
    void exportsPrometheusMetrics() {
        String metrics = given().accept("text/plain").get("/q/metrics").then().statusCode(200)
                .contentType(containsString("text/plain")).extract().asString();
        assertThat(PrometheusText.has(metrics, "jvm_memory_used_bytes")).isTrue();
    }

    @Test
    void ownsItsBucketsAndRoundTripsObjects() {
        byte[] bytes = UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8);
        for (String bucket : storeConfig.buckets()) {
            assertThat(store.bucketExists(bucket)).as("bucket %s", bucket).isTrue();
            String key = "contract-test/" + UUID.randomUUID();
            store.put(bucket, key, bytes, "text/plain");
            assertThat(store.get(bucket, key)).isEqualTo(bytes);
            assertThat(store.exists(bucket, key + "-absent")).isFalse();
        }
    }

    /** The current value of {@code metric} on this service's {@code /q/metrics}, summed over its label sets. */
    protected static double metricSum(String metric) {
        String exposition = given().accept("text/plain").get("/q/metrics").then().statusCode(200)
                .extract().asString();
        return PrometheusText.sum(exposition, metric);
    }

    /** Polls {@code /q/metrics} until {@code metric} reaches {@code expected}; returns the value seen then. */
    protected static double awaitMetric(String metric, double expected) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> metricSum(metric), value -> value >= expected);
    }
}
