package io.ocellus.commons.openapi;

import io.ocellus.commons.problem.Problem;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

import java.util.List;
import java.util.Map;

/**
 * Adds to every operation of a service's OpenAPI document the problem responses (RFC 7807,
 * {@code application/problem+json}) that every Ocellus endpoint can give: 401 without a valid token for this
 * service, 403 without the role, and the {@code Problem} shape for every other error. The problems particular to
 * an endpoint are declared on it ({@code @APIResponse(responseCode = "404", description = "model-not-found")}, the
 * description naming the problem types); this gives each of them the {@code Problem} shape.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class ProblemResponses implements OASFilter {

    private static final String SCHEMA = "Problem";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        openAPI.getComponents().addSchema(SCHEMA, OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT))
                .description("An RFC 7807 problem detail; type is https://ocellus.io/problems/<slug>")
                .properties(Map.of(
                        "type", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)).format("uri"),
                        "title", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)),
                        "status", OASFactory.createSchema().type(List.of(Schema.SchemaType.INTEGER)),
                        "detail", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)),
                        "instance", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)))));
    }

    @Override
    public Operation filterOperation(Operation operation) {
        APIResponses responses = operation.getResponses();
        if (responses == null) {
            responses = OASFactory.createAPIResponses();
            operation.setResponses(responses);
        }
        if (responses.getAPIResponses() != null) {
            responses.getAPIResponses().forEach((status, response) -> {
                if (isError(status) && response.getContent() == null) {
                    response.setContent(problemContent());
                }
            });
        }
        add(responses, "401", "No valid bearer token for this service (missing, malformed, expired, wrongly signed, "
                + "or for another audience)");
        add(responses, "403", "The token lacks the role this endpoint needs");
        add(responses, "default", "Any other error, as a problem detail");
        return operation;
    }

    private static void add(APIResponses responses, String status, String description) {
        if (responses.hasAPIResponse(status)) {
            return;
        }
        responses.addAPIResponse(status, OASFactory.createAPIResponse().description(description)
                .content(problemContent()));
    }

    private static boolean isError(String status) {
        return status.startsWith("4") || status.startsWith("5");
    }

    private static Content problemContent() {
        return OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, OASFactory.createMediaType()
                .schema(OASFactory.createSchema().ref("#/components/schemas/" + SCHEMA)));
    }
}
