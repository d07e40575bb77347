package dev.p2pshare.tracker.system;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * OpenAPI at /v3/api-docs and Swagger UI at /swagger-ui.html, with a bearer "Authorize" button for the
 * session token. Every documented 4xx/5xx answer is given the problem+json body it really has. The tags come
 * in the order a user meets them; the wire records describe their own fields (src-shared).
 */
@Configuration
@OpenAPIDefinition(
        info = @Info(title = "p2p-share tracker", version = "1",
                description = "Accounts, sessions, groups, file metadata and peers of p2p-share. Register with "
                        + "POST /api/users, log in with POST /api/sessions, then Authorize with the token (or with an API key, p2pk_...). Files never "
                        + "pass through the tracker: it knows who holds which file, and signs the grants with which "
                        + "peers' agents serve each other the chunks."),
        security = @SecurityRequirement(name = OpenApiConfig.BEARER),
        tags = {
                @Tag(name = "users", description = "Register an account; who am I."),
                @Tag(name = "sessions", description = "Log in for a bearer token; log out (revokes it at once)."),
                @Tag(name = "groups", description = "Create, list and join groups; owners accept join requests and "
                        + "remove members."),
                @Tag(name = "files", description = "Share a file's manifest into a group, list a group's files, get "
                        + "one file's manifest, peers and download grant; report the chunks held; stop sharing."),
                @Tag(name = "peers", description = "An agent announces where its chunk server is (the heartbeat)."),
                @Tag(name = "grants", description = "The public keys that download grants are signed with, for "
                        + "agents to check them.")})
@SecurityScheme(name = OpenApiConfig.BEARER, type = SecuritySchemeType.HTTP, scheme = "bearer",
        bearerFormat = "opaque session token or API key")
public class OpenApiConfig {
    static final String BEARER = "bearer";
    private static final String PROBLEM = "Problem";

    @Bean
    OpenApiCustomizer problemResponses() {
        return openApi -> {
            openApi.getComponents().addSchemas(PROBLEM, new ObjectSchema()
                    .description("RFC 9457 problem details: every error answer has this body")
                    .addProperty("type", new StringSchema().description("URI of the kind of problem; about:blank when the "
                            + "status says it all").example("about:blank"))
                    .addProperty("title", new StringSchema().description("the HTTP status in words").example("Forbidden"))
                    .addProperty("status", new IntegerSchema().description("the HTTP status code").example(403))
                    .addProperty("detail", new StringSchema().description("one line saying what went wrong")
                            .example("alice is not a member of photos"))
                    .addProperty("instance", new StringSchema().description("the path of the request that failed")
                            .example("/api/groups/photos/files")));
            Content problem = new Content().addMediaType("application/problem+json",
                    new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM)));
            if (openApi.getPaths() == null) return;
            openApi.getPaths().values().forEach(path -> path.readOperations().forEach(operation -> {
                if (operation.getResponses() == null) return;
                operation.getResponses().forEach((code, response) -> {
                    if (isError(code)) setProblemContent(response, problem);
                });
            }));
        };
    }

    private static boolean isError(String code) {
        return code.startsWith("4") || code.startsWith("5");
    }

    private static void setProblemContent(ApiResponse response, Content problem) {
        response.setContent(problem);
    }
}
