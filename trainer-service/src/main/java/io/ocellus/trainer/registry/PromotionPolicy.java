package io.ocellus.trainer.registry;

import io.ocellus.schema.events.ModelPublished;

import java.util.Locale;
import java.util.Optional;

/**
 * Decides whether a newly published version becomes current for its name: {@code not-worse} (the default) when its
 * test rank-1 is at least the current version's, {@code always}, or {@code manual} (only an administrator
 * promotes). A model's first version is current at once unless the policy is manual.
 */
public enum PromotionPolicy {
    NOT_WORSE, ALWAYS, MANUAL;

    public static PromotionPolicy parse(String value) {
        for (PromotionPolicy policy : values()) {
            if (policy.spelling().equals(value.trim().toLowerCase(Locale.ROOT))) {
                return policy;
            }
        }
        throw new IllegalArgumentException("ocellus.registry.promotion must be not-worse, always or manual, got '"
                + value + "'");
    }

    public String spelling() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Why {@code candidate} replaces {@code current}, or empty when it does not. */
    public Optional<String> accepts(ModelPublished candidate, Optional<ModelPublished> current) {
        double rank1 = candidate.testMetrics().rank1();
        return switch (this) {
            case MANUAL -> Optional.empty();
            case ALWAYS -> Optional.of("policy always: every new version becomes current");
            case NOT_WORSE -> current.isEmpty()
                    ? Optional.of(String.format(Locale.ROOT, "first version of %s (test rank-1 %.4f)",
                    candidate.name(), rank1))
                    : rank1 >= current.get().testMetrics().rank1()
                    ? Optional.of(String.format(Locale.ROOT, "test rank-1 %.4f >= current version %d's %.4f", rank1,
                    current.get().version(), current.get().testMetrics().rank1()))
                    : Optional.empty();
        };
    }
}
