package io.ocellus.ingest.endpoint;

import io.ocellus.commons.problem.ProblemException;
import io.ocellus.ingest.domain.DatasetCatalog;
import io.ocellus.ingest.domain.DatasetSummary;
import io.ocellus.vision.ImageRejectedException;
import io.ocellus.ingest.domain.UploadTarget;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.util.List;

/** Data sets as the store holds them: names, and counts per split and label. */
@Path("/v1/datasets")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class DatasetResource {

    private final DatasetCatalog catalog;

    public DatasetResource(DatasetCatalog catalog) {
        this.catalog = catalog;
    }

    @GET
    public List<String> names() {
        return catalog.names();
    }

    @GET
    @Path("/{name}")
    @APIResponse(responseCode = "200")
    @APIResponse(responseCode = "400", description = "a data-set name that is not allowed")
    @APIResponse(responseCode = "404", description = "dataset-not-found")
    public DatasetSummary summary(@PathParam("name") String name) {
        try {
            UploadTarget.requireSafe("dataset", name);
        } catch (ImageRejectedException e) {
            throw new ProblemException(e.status(), e.slug(), "Bad data-set name", e.getMessage());
        }
        DatasetSummary summary = catalog.summary(name);
        if (summary.images() == 0) {
            throw new ProblemException(404, "dataset-not-found", "Data set not found",
                    "data set '" + name + "' has no images");
        }
        return summary;
    }
}
