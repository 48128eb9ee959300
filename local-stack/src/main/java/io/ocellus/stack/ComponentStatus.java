package io.ocellus.stack;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.net.URI;
import java.util.Map;

/** One row of {@code status}: the JSON shape is {@code {"name","url","pid","running","ready"}}. */
@JsonPropertyOrder({"name", "url", "pid", "running", "ready"})
public record ComponentStatus(String name, String url, Long pid, boolean running, boolean ready) {

    public String state() {
        if (!running) {
            return "stopped";
        }
        return ready ? "running" : "not ready";
    }

    /** Probes a component once; a stopped one is not probed. */
    public static ComponentStatus probe(String name, String url, Long pid, boolean running,
                                        Map<String, Object> kafkaSecurity) {
        if (!running || url == null) {
            return new ComponentStatus(name, url, pid, running, false);
        }
        try (ReadinessProbe probe = probeFor(name, url, kafkaSecurity)) {
            return new ComponentStatus(name, url, pid, true, probe.check().ready());
        }
    }

    static ReadinessProbe probeFor(String name, String url, Map<String, Object> kafkaSecurity) {
        return switch (name) {
            case StackComponents.KAFKA -> new KafkaReadiness(url, kafkaSecurity);
            case StackComponents.S3 -> ReadinessProbe.anyHttpAnswer(URI.create(url + "/"));
            case StackComponents.PROMETHEUS -> ReadinessProbe.httpStatus(URI.create(url + "/-/ready"), 200);
            default -> ReadinessProbe.httpStatus(URI.create(ServiceProcess.healthUrl(url)), 200);
        };
    }
}
