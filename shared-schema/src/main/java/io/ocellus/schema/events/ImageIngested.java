package io.ocellus.schema.events;

import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * An image was stored in the object store. Keyed by {@code imageId}, the SHA-256 of the bytes, so the same
 * bytes uploaded twice land in one partition and consumers can de-duplicate.
 */
public record ImageIngested(int schemaVersion, String imageId, String bucket, String objectKey,
                            String contentType, long size, int width, int height, int channels,
                            String dataset, String label, Split split, Set<Task> tasks, Instant ingestedAt) {

    public static final int SCHEMA_VERSION = 1;

    public ImageIngested {
        tasks = taskSet(tasks);
    }

    public static ImageIngested of(String imageId, String bucket, String objectKey, String contentType,
                                   long size, int width, int height, int channels, String dataset,
                                   String label, Split split, Set<Task> tasks, Instant ingestedAt) {
        return new ImageIngested(SCHEMA_VERSION, imageId, bucket, objectKey, contentType, size, width, height,
                channels, dataset, label, split, tasks, ingestedAt);
    }

    /** Whether the image was sent for {@code task}. */
    public boolean wants(Task task) {
        return tasks.contains(task);
    }

    // An EnumSet keeps JSON output in declaration order, so the same event always serializes to the same bytes.
    private static Set<Task> taskSet(Collection<Task> tasks) {
        EnumSet<Task> set = EnumSet.noneOf(Task.class);
        if (tasks != null) {
            set.addAll(tasks);
        }
        return Collections.unmodifiableSet(set);
    }
}
