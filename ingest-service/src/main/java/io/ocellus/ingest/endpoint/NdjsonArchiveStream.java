package io.ocellus.ingest.endpoint;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ocellus.commons.messaging.EventPublishException;
import io.ocellus.commons.storage.ObjectStoreException;
import io.ocellus.ingest.domain.UploadTarget;
import io.ocellus.ingest.domain.archive.ArchiveIngestion;
import io.ocellus.ingest.domain.archive.ArchiveReader;
import io.ocellus.ingest.domain.archive.ArchiveStop;
import io.ocellus.ingest.domain.archive.ArchiveSummary;
import jakarta.ws.rs.core.StreamingOutput;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The NDJSON answer to an archive upload: one line per entry, flushed as soon as the entry is decided (while the
 * client is still sending the rest), then {@code {"error":…}} if reading stopped early, then
 * {@code {"summary":…}}. The status line went out with the first entry, so a store or Kafka failure can only
 * be told as a last {@code {"error":…}} line with status 503.
 */
final class NdjsonArchiveStream implements StreamingOutput {

    private final ArchiveIngestion ingestion;
    private final ArchiveReader reader;
    private final UploadTarget base;
    private final ObjectMapper json;

    NdjsonArchiveStream(ArchiveIngestion ingestion, ArchiveReader reader, UploadTarget base, ObjectMapper json) {
        this.ingestion = ingestion;
        this.reader = reader;
        this.base = base;
        this.json = json;
    }

    @Override
    public void write(OutputStream output) throws IOException {
        ArchiveSummary summary;
        try {
            summary = ingestion.ingest(reader, base, outcome -> line(output, outcome));
        } catch (ObjectStoreException e) {
            line(output, Map.of("error", ArchiveStop.of(503, "object-store-unavailable", e.getMessage())));
            return;
        } catch (EventPublishException e) {
            line(output, Map.of("error", ArchiveStop.of(503, "event-not-published", e.getMessage())));
            return;
        } catch (UncheckedIOException e) {
            throw e.getCause(); // the client is gone: nobody to tell
        }
        if (summary.error() != null) {
            line(output, Map.of("error", summary.error()));
        }
        line(output, Map.of("summary", summary));
    }

    private void line(OutputStream output, Object value) {
        try {
            output.write(json.writeValueAsBytes(value));
            output.write('\n');
            output.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
