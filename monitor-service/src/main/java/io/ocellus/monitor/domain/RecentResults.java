package io.ocellus.monitor.domain;

import io.ocellus.schema.events.ImageClassified;
import io.ocellus.schema.events.ObjectsDetected;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.function.BiPredicate;

/**
 * The latest classifications and detections, newest first, each (image, model, version) once however often its
 * event is redelivered. Only images named here may be shown by the page ({@link #mentions(String)}).
 */
@ApplicationScoped
public class RecentResults {

    private final int capacity;
    private final Deque<ImageClassified> classifications = new ArrayDeque<>();
    private final Deque<ObjectsDetected> detections = new ArrayDeque<>();

    public RecentResults(@ConfigProperty(name = "ocellus.monitor.recent-results", defaultValue = "50") int capacity) {
        this.capacity = capacity;
    }

    /** Returns false for a result already held. */
    public synchronized boolean record(ImageClassified result) {
        return add(classifications, result, (a, b) -> a.imageId().equals(b.imageId())
                && a.modelName().equals(b.modelName()) && a.modelVersion() == b.modelVersion());
    }

    /** Returns false for a result already held. */
    public synchronized boolean record(ObjectsDetected result) {
        return add(detections, result, (a, b) -> a.imageId().equals(b.imageId())
                && a.modelName().equals(b.modelName()) && a.modelVersion() == b.modelVersion()
                && Objects.equals(a.params(), b.params()));
    }

    public synchronized List<ImageClassified> classifications() {
        return List.copyOf(classifications);
    }

    public synchronized List<ObjectsDetected> detections() {
        return List.copyOf(detections);
    }

    /** Whether a held result is about this image. */
    public synchronized boolean mentions(String imageId) {
        return detections.stream().anyMatch(d -> d.imageId().equals(imageId))
                || classifications.stream().anyMatch(c -> c.imageId().equals(imageId));
    }

    private <T> boolean add(Deque<T> results, T result, BiPredicate<T, T> same) {
        if (results.stream().anyMatch(held -> same.test(held, result))) {
            return false;
        }
        results.addFirst(result);
        while (results.size() > capacity) {
            results.removeLast();
        }
        return true;
    }
}
