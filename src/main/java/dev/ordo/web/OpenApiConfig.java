package dev.ordo.web;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document at /v3/api-docs: Swagger UI's "Authorize" takes an API key as bearer token. */
@Configuration
@OpenAPIDefinition(
        info = @Info(title = "Ordo API", version = "v1",
                description = "Storefront and operations API of Ordo. Authenticate with an API key: "
                        + "Authorization: Bearer {your API key}. Errors are application/problem+json."),
        security = @SecurityRequirement(name = "apiKey"))
@SecurityScheme(name = "apiKey", type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "An Ordo API key (demo profile: demo-web-key, demo-marketplace-key, demo-carrier-key, demo-ops-key)")
class OpenApiConfig {
}
