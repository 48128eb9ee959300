package io.ocellus.monitor.domain;

/** A job dropped from memory to keep the history bounded; its metric series go with it. */
public record JobEvicted(String jobId) {
}
