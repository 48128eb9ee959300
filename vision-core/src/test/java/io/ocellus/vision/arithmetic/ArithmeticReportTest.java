package io.ocellus.vision.arithmetic;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ArithmeticReportTest {

    private static final Tensor EXPECTED = new Tensor(new int[]{2, 2}, new double[]{1, -2, 100, 0});

    @Test
    void valuesWithinFloat32ToleranceAreRight() {
        OperatorCheck check = OperatorCheck.compare("conv", EXPECTED, new float[]{1.00001f, -2, 100.005f, 1e-5f});

        assertThat(check.passed()).isTrue();
        assertThat(check.maxError()).isLessThan(OperatorCheck.TOLERANCE);
    }

    @Test
    void aWrongValueNaNOrAMissingValueFailsTheCheck() {
        assertThat(OperatorCheck.compare("conv", EXPECTED, new float[]{1, -2, 101, 0}).wrong()).isEqualTo(1);
        OperatorCheck nan = OperatorCheck.compare("conv", EXPECTED, new float[]{Float.NaN, -2, 100, 0});
        assertThat(nan.passed()).isFalse();
        assertThat(nan.maxError()).isInfinite();
        assertThat(OperatorCheck.compare("conv", EXPECTED, new float[]{1, -2}).passed()).isFalse();
    }

    @Test
    void aFailedReportNamesTheOperatorTheErrorTheCpuAndTheRemedy() {
        CpuDescription cpu = new CpuDescription("AMD EPYC 9B45", List.of("avx512f", "avx512_vp2intersect"));
        ArithmeticReport report = new ArithmeticReport("PyTorch 2.7.1", List.of(
                OperatorCheck.compare("relu", EXPECTED, EXPECTED.toFloats()),
                OperatorCheck.compare("convolution 20->50 5x5 pad 2", EXPECTED, new float[]{1, -2, 101.87f, 0})),
                Duration.ofMillis(120), cpu);

        assertThat(report.passed()).isFalse();
        assertThat(report.failures()).extracting(OperatorCheck::operator)
                .containsExactly("convolution 20->50 5x5 pad 2");
        assertThat(report.failureMessage("set X=off"))
                .contains("convolution 20->50 5x5 pad 2 on 2x2: max error 0.0185", "1 of 4 values wrong",
                        "AMD EPYC 9B45 [avx512f avx512_vp2intersect]", "set X=off");
        assertThat(report.summary()).contains("FAILED", "1 of 2", "120 ms");
    }

    @Test
    void aReportWithoutChecksHasNotPassed() {
        assertThat(new ArithmeticReport("x", List.of(), Duration.ZERO, CpuDescription.current()).passed()).isFalse();
    }

    @Test
    void theCpuModelAndItsVectorFlagsAreReadFromCpuinfo(@TempDir Path dir) throws IOException {
        Path cpuinfo = dir.resolve("cpuinfo");
        Files.writeString(cpuinfo, """
                processor\t: 0
                vendor_id\t: AuthenticAMD
                model name\t: AMD EPYC 9B45 128-Core Processor
                flags\t\t: fpu sse2 ssse3 fma sse4_1 avx avx2 avx512f avx512_bf16 avx512_vp2intersect sha_ni
                """);

        CpuDescription cpu = CpuDescription.read(cpuinfo).orElseThrow();

        assertThat(cpu.model()).isEqualTo("AMD EPYC 9B45 128-Core Processor");
        assertThat(cpu.vectorFlags()).containsExactly("avx", "avx2", "avx512_bf16", "avx512_vp2intersect",
                "avx512f", "fma", "sse4_1");
    }
}
