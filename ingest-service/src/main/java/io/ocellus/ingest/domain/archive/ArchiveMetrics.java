package io.ocellus.ingest.domain.archive;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Archive uploads by result (complete, stopped, refused, failed) and their size in entries and bytes; the images
 * inside are counted by IngestMetrics like any other upload.
 */
@ApplicationScoped
public class ArchiveMetrics {

    private final MeterRegistry registry;
    private final DistributionSummary entries;
    private final DistributionSummary bytes;

    public ArchiveMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.entries = DistributionSummary.builder("ocellus.ingest.archive.entries")
                .description("Entries read per archive upload").register(registry);
        this.bytes = DistributionSummary.builder("ocellus.ingest.archive.size").baseUnit("bytes")
                .description("Bytes received per archive upload").register(registry);
    }

    public void archive(String result, long entryCount, long byteCount) {
        registry.counter("ocellus.ingest.archives", "result", result).increment();
        entries.record(entryCount);
        bytes.record(byteCount);
    }

    /** An upload refused before any entry was read (not an archive, bad name). */
    public void refused() {
        registry.counter("ocellus.ingest.archives", "result", "refused").increment();
    }
}
