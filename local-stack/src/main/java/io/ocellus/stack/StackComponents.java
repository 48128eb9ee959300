package io.ocellus.stack;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Names, default ports and start order of everything {@code up} starts. */
public final class StackComponents {

    public static final String KAFKA = "kafka";
    public static final String S3 = "s3";
    public static final String PROMETHEUS = "prometheus";

    /** The service modules, in start order; each one's default port is {@link #FIRST_SERVICE_PORT} + its index. */
    public static final List<String> SERVICES = List.of(
            "ingest-service", "trainer-service", "inference-service", "detector-service", "monitor-service");

    public static final int KAFKA_PORT = 9092;
    public static final int KAFKA_CONTROLLER_PORT = 9093;
    public static final int S3_PORT = 9000;
    public static final int PROMETHEUS_PORT = 9090;
    public static final int FIRST_SERVICE_PORT = 8081;

    /** Start order; {@code down} stops in the reverse. */
    public static final List<String> START_ORDER;

    static {
        List<String> order = new ArrayList<>(List.of(KAFKA, S3, PROMETHEUS));
        order.addAll(SERVICES);
        START_ORDER = List.copyOf(order);
    }

    private StackComponents() {
    }

    public static boolean isService(String name) {
        return SERVICES.contains(name);
    }

    public static List<String> stopOrder() {
        List<String> order = new ArrayList<>(START_ORDER);
        Collections.reverse(order);
        return order;
    }

    /** Position in the start order; unknown names sort last (so they are stopped first). */
    public static int startIndex(String name) {
        int index = START_ORDER.indexOf(name);
        return index < 0 ? Integer.MAX_VALUE : index;
    }
}
