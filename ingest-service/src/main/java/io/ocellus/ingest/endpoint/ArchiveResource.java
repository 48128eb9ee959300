package io.ocellus.ingest.endpoint;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ocellus.commons.problem.ProblemException;
import io.ocellus.commons.security.Roles;
import io.ocellus.vision.ImageRejectedException;
import io.ocellus.ingest.domain.UploadTarget;
import io.ocellus.ingest.domain.archive.ArchiveIngestion;
import io.ocellus.ingest.domain.archive.ArchiveMetrics;
import io.ocellus.ingest.domain.archive.ArchiveReader;
import io.ocellus.ingest.domain.archive.ArchiveSummary;
import io.ocellus.ingest.domain.archive.ArchiveUnreadableException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.io.InputStream;

/**
 * Upload of a whole data set as one tar, tar.gz or zip archive, read entry by entry while it streams in (the body
 * is an InputStream, so this runs on a worker thread and never holds the archive). The answer is a JSON summary,
 * or with {@code Accept: application/x-ndjson} one line per entry as it is taken in, then the summary.
 */
@Path("/v1/datasets/{name}/archive")
public class ArchiveResource {

    static final String NDJSON = "application/x-ndjson";

    private final ArchiveIngestion ingestion;
    private final ArchiveMetrics metrics;
    private final ObjectMapper json;

    public ArchiveResource(ArchiveIngestion ingestion, ArchiveMetrics metrics, ObjectMapper json) {
        this.ingestion = ingestion;
        this.metrics = metrics;
        this.json = json;
    }

    @POST
    @RolesAllowed(Roles.UPLOADER)
    @Consumes(MediaType.WILDCARD)
    @Produces({MediaType.APPLICATION_JSON, NDJSON})
    @APIResponse(responseCode = "200", description = "The archive's summary (JSON), or with Accept: "
            + "application/x-ndjson one line per entry as it is stored and a summary line last; limits met while "
            + "unpacking (archive-too-large, too-many-entries, archive-too-slow) end the summary or the stream")
    @APIResponse(responseCode = "400", description = "empty-archive, corrupt-archive, not-an-archive, unknown-split, "
            + "unknown-task, or a data-set name that is not allowed")
    @APIResponse(responseCode = "415", description = "unsupported-archive-type: the content type is not zip, tar or "
            + "tar.gz")
    @APIResponse(responseCode = "503", description = "the object store or the broker is unavailable: nothing was "
            + "stored")
    public Response upload(@PathParam("name") String name, @QueryParam("split") String split,
                           @QueryParam("tasks") String tasks,
                           @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                           @HeaderParam(HttpHeaders.ACCEPT) String accept, InputStream body) {
        UploadTarget base = target(name, split, tasks);
        ArchiveReader reader = open(body, contentType);
        if (accept != null && accept.contains(NDJSON)) {
            return Response.ok(new NdjsonArchiveStream(ingestion, reader, base, json), NDJSON).build();
        }
        ArchiveSummary summary = ingestion.ingest(reader, base, outcome -> { });
        return Response.ok(summary, MediaType.APPLICATION_JSON).build();
    }

    private UploadTarget target(String name, String split, String tasks) {
        try {
            return UploadTarget.forArchive(name, split, tasks);
        } catch (ImageRejectedException e) {
            metrics.refused();
            throw new ProblemException(e.status(), e.slug(), "Archive rejected", e.getMessage());
        }
    }

    private ArchiveReader open(InputStream body, String contentType) {
        try {
            return ArchiveReader.open(body, contentType);
        } catch (ArchiveUnreadableException e) {
            metrics.refused();
            throw new ProblemException(e.status(), e.slug(), "Archive rejected", e.getMessage());
        }
    }
}
