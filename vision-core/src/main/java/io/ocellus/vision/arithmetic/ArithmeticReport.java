package io.ocellus.vision.arithmetic;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The outcome of one arithmetic self-test: which runtime (with the settings that matter) was checked, each
 * operator's comparison with the reference, how long it took, and the CPU it ran on.
 */
public record ArithmeticReport(String runtime, List<OperatorCheck> checks, Duration took, CpuDescription cpu) {

    public ArithmeticReport {
        checks = List.copyOf(checks);
    }

    public boolean passed() {
        return !checks.isEmpty() && checks.stream().allMatch(OperatorCheck::passed);
    }

    public List<OperatorCheck> failures() {
        return checks.stream().filter(check -> !check.passed()).toList();
    }

    /** One log line: passed or failed, the runtime, the count, the time and the CPU. */
    public String summary() {
        return String.format(java.util.Locale.ROOT, "arithmetic self-test of %s %s: %d of %d operator checks "
                        + "right in %d ms on %s", runtime, passed() ? "PASSED" : "FAILED",
                checks.size() - failures().size(), checks.size(), took.toMillis(), cpu);
    }

    /**
     * What a person needs when the test failed: each wrong operator with its error, the CPU model and flags, and
     * {@code remedy}, the setting that fixes it.
     */
    public String failureMessage(String remedy) {
        return "arithmetic self-test of " + runtime + " FAILED on " + cpu + ": "
                + failures().stream().map(OperatorCheck::describe).collect(Collectors.joining("; "))
                + ". " + remedy;
    }
}
