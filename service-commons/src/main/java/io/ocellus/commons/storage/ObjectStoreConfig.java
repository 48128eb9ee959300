package io.ocellus.commons.storage;

import io.ocellus.schema.store.Buckets;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.List;

/** Where the S3 object store is and which buckets this service needs. */
@ConfigMapping(prefix = "ocellus.s3")
public interface ObjectStoreConfig {

    /** Base URL of the S3 API, for example {@code http://127.0.0.1:9000}. */
    String endpoint();

    String accessKey();

    String secretKey();

    @WithDefault("us-east-1")
    String region();

    /** Buckets created at start when missing; readiness checks each of them. */
    @WithDefault(Buckets.IMAGES)
    List<String> buckets();
}
