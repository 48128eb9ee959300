package io.ocellus.trainer.endpoint;

import io.ocellus.commons.problem.ProblemException;
import io.ocellus.commons.security.Roles;
import io.ocellus.schema.store.ModelEntry;
import io.ocellus.trainer.registry.ModelRegistry;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.util.List;

/**
 * The model registry over HTTP: every model name with its versions and the current one, and an administrator's
 * promote (make a chosen version current) and rollback (back to the version current before). Each change is
 * announced as {@code ModelPromoted}, which servers follow.
 */
@Path("/v1/registry")
@Produces(MediaType.APPLICATION_JSON)
public class RegistryResource {

    private static final java.util.regex.Pattern MODEL_NAME =
            java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private final ModelRegistry registry;

    public RegistryResource(ModelRegistry registry) {
        this.registry = registry;
    }

    @GET
    @Authenticated
    public List<ModelEntry> list() {
        return registry.names().stream().map(registry::find).flatMap(java.util.Optional::stream).toList();
    }

    @GET
    @Path("/{name}")
    @Authenticated
    @APIResponse(responseCode = "200")
    @APIResponse(responseCode = "404", description = "model-not-found")
    @APIResponse(responseCode = "503", description = "registry-entry-unreadable: the stored entry is broken")
    public ModelEntry get(@PathParam("name") String name) {
        return known(name);
    }

    @POST
    @Path("/{name}/promote")
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "200")
    @APIResponse(responseCode = "400", description = "invalid-promotion: no version given")
    @APIResponse(responseCode = "404", description = "model-not-found, version-not-found")
    public ModelEntry promote(@PathParam("name") String name, PromoteRequest request) {
        if (request == null || request.version() == null || request.version() < 1) {
            throw new ProblemException(400, "invalid-promotion", "Invalid promotion",
                    "the body must name the version to promote: {\"version\": 3, \"reason\": \"...\"}");
        }
        ModelEntry entry = known(name);
        if (entry.version(request.version()).isEmpty()) {
            throw new ProblemException(404, "version-not-found", "Version not found", "model " + name
                    + " has no version " + request.version());
        }
        return registry.promote(name, request.version(), reason(request.reason(), "promoted by an administrator"))
                .orElseThrow();
    }

    @POST
    @Path("/{name}/rollback")
    @RolesAllowed(Roles.ADMIN)
    @APIResponse(responseCode = "200")
    @APIResponse(responseCode = "404", description = "model-not-found")
    @APIResponse(responseCode = "409", description = "nothing-to-roll-back: no version was current before")
    public ModelEntry rollBack(@PathParam("name") String name, RollbackRequest request) {
        known(name);
        String reason = reason(request == null ? null : request.reason(), "rolled back by an administrator");
        return registry.rollBack(name, reason).orElseThrow(() -> new ProblemException(409, "nothing-to-roll-back",
                "Nothing to roll back to", "model " + name + " has no earlier current version"));
    }

    private ModelEntry known(String name) {
        if (!MODEL_NAME.matcher(name).matches()) {
            throw new ProblemException(404, "model-not-found", "Model not found", "no model named " + name
                    + " in the registry (names are letters, digits, '.', '_' and '-')");
        }
        return registry.find(name).orElseThrow(() -> new ProblemException(404, "model-not-found",
                "Model not found", "no model named " + name + " in the registry"));
    }

    private static String reason(String given, String fallback) {
        return given == null || given.isBlank() ? fallback : given.strip();
    }

    public record PromoteRequest(Integer version, String reason) {
    }

    public record RollbackRequest(String reason) {
    }
}
