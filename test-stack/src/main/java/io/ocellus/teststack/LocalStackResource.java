package io.ocellus.teststack;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.reactive.messaging.kafka.companion.test.EmbeddedKafkaBroker;

import java.util.Map;

/**
 * Starts a real Kafka broker and a real S3 server inside the test JVM and hands their addresses, and the key that
 * verifies {@link TestTokens}, to the application under test. Apply it once per module with global scope so that
 * all test classes share one boot:
 * {@code @WithTestResource(value = LocalStackResource.class, scope = TestResourceScope.GLOBAL)}.
 */
public class LocalStackResource implements QuarkusTestResourceLifecycleManager {

    private static volatile EmbeddedKafkaBroker kafka;
    private static volatile S3Server s3;

    @Override
    public Map<String, String> start() {
        kafka = new EmbeddedKafkaBroker().withDeleteLogDirsOnClose(true).start();
        s3 = S3Server.start();
        return Map.of(
                "kafka.bootstrap.servers", bootstrapServers(),
                "ocellus.s3.endpoint", s3.endpoint(),
                "ocellus.s3.access-key", s3.accessKey(),
                "ocellus.s3.secret-key", s3.secretKey(),
                "mp.jwt.verify.publickey", TestTokens.publicKeyPem(),
                "mp.jwt.verify.issuer", TestTokens.ISSUER);
    }

    @Override
    public void stop() {
        if (s3 != null) {
            s3.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    /** Bootstrap address of the running broker, for tests' own clients. */
    public static String bootstrapServers() {
        if (kafka == null) {
            throw new IllegalStateException("LocalStackResource has not been started");
        }
        return kafka.getAdvertisedListeners().replaceFirst("^[A-Z_]+://", "");
    }

    public static S3Server s3() {
        return s3;
    }
}
