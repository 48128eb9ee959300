package io.ocellus.stack;

import io.ocellus.stack.PortAllocator.Allocation;
import io.ocellus.stack.PortAllocator.Request;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The ports of one {@code up}, decided before anything starts (Prometheus's config needs every service port).
 * Components still running keep their ports; when part of a stack is running, the missing pieces get their old
 * ports back, so the running ones still reach them; otherwise the options and defaults decide.
 */
public record StackPlan(List<String> components, Map<String, Integer> ports, int kafkaControllerPort) {

    /** The port options of {@code up}; null means "default port, or any free one when it is taken". */
    public record PortOptions(Integer kafkaPort, Integer s3Port, Integer prometheusPort, Integer basePort) {

        Request request(String component) {
            return switch (component) {
                case StackComponents.KAFKA -> Request.fromOption(kafkaPort, StackComponents.KAFKA_PORT);
                case StackComponents.S3 -> Request.fromOption(s3Port, StackComponents.S3_PORT);
                case StackComponents.PROMETHEUS -> Request.fromOption(prometheusPort, StackComponents.PROMETHEUS_PORT);
                default -> serviceRequest(StackComponents.SERVICES.indexOf(component));
            };
        }

        private Request serviceRequest(int index) {
            if (index < 0) {
                throw new IllegalArgumentException("unknown component");
            }
            if (basePort == null) {
                return Request.preferred(StackComponents.FIRST_SERVICE_PORT + index);
            }
            return basePort == 0 ? Request.any() : Request.exactly(basePort + index);
        }

        Request controllerRequest() {
            return kafkaPort == null ? Request.preferred(StackComponents.KAFKA_CONTROLLER_PORT) : Request.any();
        }
    }

    public StackPlan {
        components = List.copyOf(components);
        ports = Map.copyOf(ports);
    }

    public int port(String component) {
        Integer port = ports.get(component);
        if (port == null) {
            throw new IllegalArgumentException(component + " is not part of this stack");
        }
        return port;
    }

    /**
     * @param components what this stack consists of, in start order
     * @param running entries (from stack.json) of the components that are running and are kept
     * @param previous the last stack.json, when part of that stack is still running
     */
    public static StackPlan plan(List<String> components, Map<String, StackState.Component> running,
            Optional<StackState> previous, PortOptions options, PortAllocator allocator, Progress progress) {
        running.values().forEach(c -> {
            allocator.reserve(c.port());
            if (c.controllerPort() != null) {
                allocator.reserve(c.controllerPort());
            }
        });
        Map<String, Integer> ports = new LinkedHashMap<>();
        int controllerPort = 0;
        for (String component : components) {
            StackState.Component kept = running.get(component);
            Optional<StackState.Component> before = previous.flatMap(s -> s.component(component));
            if (kept != null) {
                ports.put(component, kept.port());
                controllerPort = kept.controllerPort() == null ? controllerPort : kept.controllerPort();
                continue;
            }
            Request request = before.map(c -> Request.exactly(c.port())).orElseGet(() -> options.request(component));
            ports.put(component, allocate(allocator, component, request, progress));
            if (StackComponents.KAFKA.equals(component)) {
                Request controller = before.map(StackState.Component::controllerPort).map(Request::exactly)
                        .orElseGet(options::controllerRequest);
                controllerPort = allocate(allocator, component + " controller", controller, progress);
            }
        }
        return new StackPlan(components, ports, controllerPort);
    }

    private static int allocate(PortAllocator allocator, String component, Request request, Progress progress) {
        Allocation allocation = allocator.allocate(component, request);
        if (allocation.fellBack()) {
            progress.component(component, "port " + allocation.preferred() + " is in use; using " + allocation.port());
        }
        return allocation.port();
    }
}
