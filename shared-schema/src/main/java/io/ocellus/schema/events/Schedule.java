package io.ocellus.schema.events;

/**
 * Learning-rate schedule. Which parameters apply depends on {@code type}: STEP uses {@code factor} and
 * {@code dropEvery}; POLYNOMIAL uses {@code power}; TIME_BASED uses {@code decay}; any type may warm up.
 */
public record Schedule(ScheduleType type, Double factor, Integer dropEvery, Double power, Double decay,
                       Integer warmupEpochs) {
}
