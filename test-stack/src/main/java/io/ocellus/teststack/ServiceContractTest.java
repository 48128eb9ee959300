package io.ocellus.teststack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ocellus.commons.storage.ObjectStore;
import io.ocellus.commons.storage.ObjectStoreConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * What every Ocellus service must do against the real broker and store: be live and ready (Kafka and S3 checked),
 * export Prometheus metrics, own its buckets, store and read back objects, publish an OpenAPI document listing
 * every endpoint its README documents. A service's test extends this,
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

    @Test
    void publishesAnOpenApiDocumentWithEveryEndpointItsReadmeDocuments() throws Exception {
        String body = given().accept("application/json").get("/q/openapi?format=json").then().statusCode(200)
                .extract().asString();
        JsonNode document = new ObjectMapper().readTree(body);
        Set<String> published = ApiEndpoints.published(document);
        Set<String> documented = ApiEndpoints.documented(Path.of("README.md"));
        assertThat(documented).as("endpoints in README.md").isNotEmpty();
        assertThat(published).as("the OpenAPI document against README.md").containsAll(documented);
        assertThat(document.at("/components/schemas/Problem").isObject()).as("the problem shape").isTrue();
        assertThat(ApiEndpoints.errorsWithoutTheProblemShape(document)).as("error responses not in the problem shape")
                .isEmpty();
        // an endpoint that takes a body or names a resource in its path has problems of its own to declare
        Map<String, Set<String>> ownErrors = ApiEndpoints.ownErrors(document);
        for (String endpoint : documented) {
            if (endpoint.startsWith("POST ") || endpoint.contains("{}")) {
                assertThat(ownErrors.get(endpoint)).as("the problems %s declares of its own", endpoint)
                        .isNotEmpty();
            }
        }
    }

    /** Every endpoint of the service, with the roles it admits. */
    protected abstract List<SecuredEndpoint> securedEndpoints();

    @Test
    void everyEndpointRefusesMissingBadAndForeignTokensAndWrongRoles() {
        String[] everyRole = {"uploader", "trainer", "viewer", "admin"};
        String self = ConfigProvider.getConfig().getValue("quarkus.application.name", String.class);
        String otherService = TestTokens.ALL_SERVICES.stream().filter(a -> !a.equals(self)).findFirst()
                .orElseThrow();
        Map<String, String> refused = new LinkedHashMap<>();
        refused.put("malformed", TestTokens.malformed());
        refused.put("expired", TestTokens.expired("mallory", everyRole));
        refused.put("issued more than a day ago", TestTokens.issuedTooLongAgo("mallory", everyRole));
        refused.put("signed by an unknown key", TestTokens.signedByAStranger("mallory", everyRole));
        refused.put("for another service", TestTokens.forAudience(otherService, "mallory", everyRole));
        for (SecuredEndpoint endpoint : securedEndpoints()) {
            assertThat(call(endpoint, null).statusCode()).as("%s without a token", endpoint).isEqualTo(401);
            refused.forEach((kind, token) -> assertThat(call(endpoint, token).statusCode())
                    .as("%s with a token %s", endpoint, kind).isEqualTo(401));
            if (!endpoint.roles().isEmpty()) {
                String[] others = Arrays.stream(everyRole).filter(r -> !endpoint.roles().contains(r))
                        .toArray(String[]::new);
                assertThat(call(endpoint, TestTokens.token("mallory", others)).statusCode())
                        .as("%s with roles %s", endpoint, Arrays.toString(others)).isEqualTo(403);
            }
            if (endpoint.answers()) {
                String[] admitted = endpoint.roles().isEmpty() ? new String[]{"viewer"}
                        : endpoint.roles().toArray(String[]::new);
                assertThat(call(endpoint, TestTokens.forAudience(self, "alice", admitted)).statusCode())
                        .as("%s with its role, for this service", endpoint).isNotIn(401, 403);
            }
        }
    }

    private static Response call(SecuredEndpoint endpoint, String token) {
        RequestSpecification request = given().urlEncodingEnabled(false);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (endpoint.contentType() != null) {
            request.contentType(endpoint.contentType()).body(new byte[0]);
        }
        return request.request(endpoint.method(), endpoint.path());
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
