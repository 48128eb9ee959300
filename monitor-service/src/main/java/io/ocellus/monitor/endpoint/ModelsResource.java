package io.ocellus.monitor.endpoint;

import io.ocellus.monitor.domain.ModelBoard;
import io.ocellus.monitor.domain.ModelView;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/** The published models, the version each serves and every version's test metrics. */
@Path("/v1/models")
@Authenticated
public class ModelsResource {

    private final ModelBoard board;

    public ModelsResource(ModelBoard board) {
        this.board = board;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<ModelView> models() {
        return board.models();
    }
}
