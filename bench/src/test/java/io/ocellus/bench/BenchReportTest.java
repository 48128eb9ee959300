package io.ocellus.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BenchReportTest {

    @Test
    void theLatestRunReplacesTheSectionBetweenTheMarkersAndNothingElse() {
        String page = "# bench\n\nintro\n\n" + BenchReport.START + "\nold table\n" + BenchReport.END
                + "\n\n## Measured\nrows\n";

        String updated = BenchReport.replaceSection(page, "new table\n");

        assertThat(updated).isEqualTo("# bench\n\nintro\n\n" + BenchReport.START + "\nnew table\n" + BenchReport.END
                + "\n\n## Measured\nrows\n");
        assertThat(BenchReport.replaceSection(updated, "newer\n")).contains("\nnewer\n").doesNotContain("new table");
    }

    @Test
    void aPageWithoutTheMarkersGetsTheSectionAtTheEnd() {
        assertThat(BenchReport.replaceSection("# bench\n", "table\n"))
                .isEqualTo("# bench\n\n" + BenchReport.START + "\ntable\n" + BenchReport.END + "\n");
    }

    @Test
    void eachRowShowsItsRatioGoalAndWhetherItWasMet() throws Exception {
        JsonNode report = new ObjectMapper().readTree("""
                {"date": "2026-12-06T10:00:00Z", "mode": "quick", "minutes": 14.4, "cpu": "AMD EPYC", "cores": 2,
                 "versions": {"Java": "17"},
                 "benchmarks": [{"benchmark": "nms", "settings": {"boxes": "20000"}, "rows": [
                   {"measure": "NMS", "ocellus": "9 ms", "peer": "torchvision: 700 ms", "value": 75.76, "unit": "x",
                    "goal": ">= 50x", "met": true},
                   {"measure": "latency | p99", "ocellus": "p99 200 ms", "peer": "(the goal)", "value": 200.4,
                    "unit": " ms", "goal": "< 50 ms", "met": false},
                   {"measure": "NMS", "ocellus": "9 ms", "peer": "OpenCV: 970 ms", "value": 0.91234, "unit": "x",
                    "goal": "", "met": null}]}],
                 "failed": ["ingest-throughput (see its log)"]}
                """);

        String table = BenchReport.markdown(report);

        assertThat(table).contains("quick mode, 14 min) on AMD EPYC, 2 cores", "Versions: Java 17.")
                .contains("| nms | NMS | 9 ms | torchvision: 700 ms | **75.8x** | >= 50x | yes |")
                .contains("| nms | latency \\| p99 | p99 200 ms | (the goal) | **200 ms** | < 50 ms | **no** |")
                .contains("| nms | NMS | 9 ms | OpenCV: 970 ms | **0.912x** |  |  |")
                .contains("- nms: boxes 20000", "**did not finish**: ingest-throughput (see its log)");
    }
}
