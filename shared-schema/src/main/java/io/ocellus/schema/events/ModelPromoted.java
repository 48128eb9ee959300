package io.ocellus.schema.events;

import java.time.Instant;

/**
 * Version {@code version} became the current one of model {@code name}: servers answer with it from now on.
 * Keyed by model {@code name}, like {@link ModelPublished}, so a model's versions and promotions arrive in
 * order. {@code previousVersion} is null for a model's first current version.
 */
public record ModelPromoted(int schemaVersion, String name, int version, Integer previousVersion,
                            PromotionCause cause, String reason, Instant promotedAt) {

    public static final int SCHEMA_VERSION = 1;

    public static ModelPromoted of(String name, int version, Integer previousVersion, PromotionCause cause,
                                   String reason, Instant promotedAt) {
        return new ModelPromoted(SCHEMA_VERSION, name, version, previousVersion, cause, reason, promotedAt);
    }
}
