package dev.p2pshare.tracker.system;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
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
 * session token. Every documented 4xx/5xx answer is given the problem+json body it really has.
 */
@Configuration
@OpenAPIDefinition(
        info = @Info(title = "p2p-share tracker", version = "1",
                description = "Accounts, sessions, groups, file metadata and peers of p2p-share. Log in with "
                        + "POST /api/sessions, then Authorize with the token (or with an API key, p2pk_...)."),
        security = @SecurityRequirement(name = OpenApiConfig.BEARER))
@SecurityScheme(name = OpenApiConfig.BEARER, type = SecuritySchemeType.HTTP, scheme = "bearer",
        bearerFormat = "opaque session token or API key")
public class OpenApiConfig {
    static final String BEARER = "bearer";
    private static final String PROBLEM = "Problem";

    @Bean
    OpenApiCustomizer problemResponses() {
        return openApi -> {
            openApi.getComponents().addSchemas(PROBLEM, new ObjectSchema()
                    .description("RFC 9457 problem details")
                    .addProperty("type", new StringSchema())
                    .addProperty("title", new StringSchema())
                    .addProperty("status", new IntegerSchema())
                    .addProperty("detail", new StringSchema().description("one line saying what went wrong"))
                    .addProperty("instance", new StringSchema()));
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
