package io.ocellus.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StackPlanTest {

    private final ByteArrayOutputStream messages = new ByteArrayOutputStream();
    private final Progress progress = new Progress(new PrintStream(messages, true, StandardCharsets.UTF_8));

    @Test
    void servicesFollowTheBasePortInOrder() {
        int base = freeRangeStart(5);
        StackPlan plan = StackPlan.plan(StackComponents.SERVICES, Map.of(), Optional.empty(),
                new StackPlan.PortOptions(null, null, null, base), new PortAllocator(), progress);

        assertThat(StackComponents.SERVICES.stream().map(plan::port).toList())
                .containsExactly(base, base + 1, base + 2, base + 3, base + 4);
    }

    @Test
    void zeroMeansAnyFreePortAndEveryPortIsDistinct() {
        StackPlan plan = StackPlan.plan(StackComponents.START_ORDER, Map.of(), Optional.empty(),
                new StackPlan.PortOptions(0, 0, 0, 0), new PortAllocator(), progress);

        assertThat(plan.ports()).hasSize(StackComponents.START_ORDER.size());
        List<Integer> all = new java.util.ArrayList<>(plan.ports().values());
        all.add(plan.kafkaControllerPort());
        assertThat(all).doesNotHaveDuplicates().allMatch(p -> p > 0);
    }

    @Test
    void runningComponentsKeepTheirPorts() {
        StackState.Component kafka = StackState.Component.of("kafka", "127.0.0.1:41000", 41000, 1,
                java.nio.file.Path.of("k.log")).withControllerPort(41001);
        StackPlan plan = StackPlan.plan(List.of("kafka", "s3"), Map.of("kafka", kafka), Optional.empty(),
                new StackPlan.PortOptions(null, 0, null, null), new PortAllocator(), progress);

        assertThat(plan.port("kafka")).isEqualTo(41000);
        assertThat(plan.kafkaControllerPort()).isEqualTo(41001);
        assertThat(plan.port("s3")).isNotIn(41000, 41001);
    }

    /** The first of n consecutive ports that are free right now. */
    private static int freeRangeStart(int n) {
        for (int start = 42000; start < 60000; start += n) {
            boolean free = true;
            for (int p = start; p < start + n && free; p++) {
                free = PortAllocator.isFree(p);
            }
            if (free) {
                return start;
            }
        }
        throw new IllegalStateException("no free port range");
    }
}
