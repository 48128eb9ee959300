package io.ocellus.ingest.domain.archive;

import io.ocellus.ingest.domain.ImageIngestion;
import io.ocellus.ingest.domain.IngestMetrics;
import io.ocellus.ingest.domain.UploadTarget;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.commons.compress.archivers.ArchiveEntry;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Takes in an archive of images entry by entry, as it streams in. A bad entry is rejected with its reason and the
 * archive goes on; a broken archive stream or too many entries stop the reading, and the summary says where. An
 * unreachable object store or Kafka ends the upload with its exception: every image reported accepted before that
 * was stored and acknowledged, the rest of the archive was not taken in.
 */
@ApplicationScoped
public class ArchiveIngestion {

    private static final Logger LOG = Logger.getLogger(ArchiveIngestion.class);

    private final ImageIngestion images;
    private final IngestMetrics imageMetrics;
    private final ArchiveMetrics metrics;
    private final long maxImageBytes;
    private final long maxEntries;
    private final long maxArchiveBytes;
    private final Duration maxDuration;

    public ArchiveIngestion(ImageIngestion images, IngestMetrics imageMetrics, ArchiveMetrics metrics,
                            @ConfigProperty(name = "ocellus.ingest.max-image-bytes") long maxImageBytes,
                            @ConfigProperty(name = "ocellus.ingest.max-archive-entries", defaultValue = "100000")
                            long maxEntries,
                            @ConfigProperty(name = "ocellus.ingest.max-archive-bytes", defaultValue = "17179869184")
                            long maxArchiveBytes,
                            @ConfigProperty(name = "ocellus.ingest.max-archive-duration", defaultValue = "2h")
                            Duration maxDuration) {
        this.images = images;
        this.imageMetrics = imageMetrics;
        this.metrics = metrics;
        this.maxImageBytes = maxImageBytes;
        this.maxEntries = maxEntries;
        this.maxArchiveBytes = maxArchiveBytes;
        this.maxDuration = maxDuration;
    }

    /**
     * Reads {@code reader} to its end into {@code base}'s data set (label and split from each entry's folders),
     * telling {@code listener} each entry's outcome as soon as it is known.
     */
    public ArchiveSummary ingest(ArchiveReader reader, UploadTarget base, Consumer<EntryOutcome> listener) {
        long started = System.nanoTime();
        ArchiveTally tally = new ArchiveTally();
        EntryIngestion entries = new EntryIngestion(images, imageMetrics, base, maxImageBytes);
        try {
            try {
                readAll(reader, tally, entries, listener);
            } catch (IOException e) {
                tally.stop(400, "corrupt-archive", "the archive stream broke after " + tally.entries()
                        + " entries" + (tally.lastEntry() == null ? "" : " (last '" + tally.lastEntry() + "')")
                        + ", " + reader.wireBytes() + " bytes into the upload: " + ArchiveReader.describe(e)
                        + "; nothing after that point was read");
            }
            if (!tally.stopped()) {
                reader.discardRest();
            }
        } catch (RuntimeException e) {
            // only infrastructure (store, Kafka) or a vanished client get here
            metrics.archive("failed", tally.entries(), reader.wireBytes());
            LOG.warnf("archive into data set %s failed after %d entries, %d bytes: %s", base.dataset(),
                    tally.entries(), reader.wireBytes(), e.getMessage());
            throw e;
        } finally {
            reader.close();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        ArchiveSummary summary = tally.summary(base.dataset(), reader.format(), reader.wireBytes(), seconds);
        metrics.archive(tally.stopped() ? "stopped" : "complete", summary.entries(), summary.bytes());
        LOG.infof("archive (%s) into data set %s: %d entries, %d accepted, %d duplicates, %d rejected, %d skipped,"
                        + " %d bytes in %.1f s%s", summary.format(), summary.dataset(), summary.entries(),
                summary.accepted(), summary.duplicates(), summary.rejected(), summary.skipped(), summary.bytes(),
                seconds, tally.stopped() ? "; stopped: " + summary.error().reason() : "");
        return summary;
    }

    private void readAll(ArchiveReader reader, ArchiveTally tally, EntryIngestion entries,
                         Consumer<EntryOutcome> listener) throws IOException {
        ArchiveEntry entry;
        long deadline = System.nanoTime() + maxDuration.toNanos();
        while ((entry = reader.next()) != null) {
            if (entries.bytesRead() > maxArchiveBytes) {
                tally.stop(413, "archive-too-large", "the archive unpacks to more than " + maxArchiveBytes
                        + " bytes: reading stopped before entry '" + entry.getName() + "'; it and every entry after"
                        + " it were not taken in");
                return;
            }
            if (System.nanoTime() > deadline) {
                tally.stop(408, "archive-too-slow", "the archive took longer than " + maxDuration.toMinutes()
                        + " minutes: reading stopped before entry '" + entry.getName() + "'; send the rest as "
                        + "another archive");
                return;
            }
            if (tally.entries() == maxEntries) {
                tally.stop(413, "too-many-entries", "the archive has more than " + maxEntries + " entries: reading"
                        + " stopped before entry '" + entry.getName() + "'; it and every entry after it were not"
                        + " taken in");
                return;
            }
            tally.countEntry(entry.getName());
            entries.take(entry, reader).ifPresent(outcome -> {
                tally.add(outcome);
                listener.accept(outcome);
            });
        }
    }
}
