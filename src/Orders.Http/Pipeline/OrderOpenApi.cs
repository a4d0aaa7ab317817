using ActorOrders.Http.Security;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

namespace ActorOrders.Http;

/// <summary>The OpenAPI document of the order API (/openapi/v1.json), with its two security schemes declared.</summary>
public static class OrderOpenApi
{
    public const string ApiKeyScheme = "ApiKey";
    public const string BearerScheme = "Bearer";

    public static IServiceCollection AddOrderOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "ActorOrders API";
            document.Info.Description =
                "Orders as sagas (payment → inventory → shipping, compensated in reverse). When authentication is configured every " +
                "endpoint but /health/*, /metrics and these docs needs an API key (X-Api-Key) or a bearer token; errors are application/problem+json.";
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[ApiKeyScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = ApiKeyHandler.Header,
                Description = "An API key; the gateway keeps only its SHA-256 (ActorOrders:Auth:ApiKeys).",
            };
            document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "A JWT signed with HS256 by the configured issuer for the configured audience (ActorOrders:Auth:Jwt).",
            };
            document.Security ??= [];
            document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKeyScheme, document)] = [] });
            document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, document)] = [] });
            return Task.CompletedTask;
        }));
}
