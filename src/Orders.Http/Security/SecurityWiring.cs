using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

namespace ActorOrders.Http.Security;

/// <summary>Authentication (API keys, JWT bearer) and the rule that every request but the probes authenticates when it is configured.</summary>
internal static class SecurityWiring
{
    /// <summary>The scheme that picks API key or bearer by what the request carries.</summary>
    public const string Scheme = "OrdersApi";

    public static void AddOrderAuthentication(this IServiceCollection services, ApiSecurityOptions security)
    {
        services.AddSingleton(security);
        var auth = services.AddAuthentication(Scheme);
        auth.AddPolicyScheme(Scheme, "API key or bearer token", o => o.ForwardDefaultSelector = ctx =>
            security.JwtEnabled && ctx.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                ? JwtBearerDefaults.AuthenticationScheme
                : ApiKeyHandler.SchemeName);
        auth.AddScheme<ApiKeySchemeOptions, ApiKeyHandler>(ApiKeyHandler.SchemeName, o => o.Keys = security.ApiKeys);
        if (security.JwtEnabled) auth.AddJwtBearer(o => Jwt(o, security.Jwt));

        services.AddAuthorization(o =>
        {
            if (!security.Enabled) return;
            // Endpoints say nothing about authorization: this fallback covers them all, simulators included.
            o.FallbackPolicy = new AuthorizationPolicyBuilder()
                .RequireAssertion(ctx => ctx.User.Identity?.IsAuthenticated == true || (ctx.Resource is HttpContext http && OpenPaths.IsOpen(http.Request.Path)))
                .Build();
        });
    }

    private static void Jwt(JwtBearerOptions o, JwtOptions jwt)
    {
        o.MapInboundClaims = false;
        o.TokenValidationParameters = new TokenValidationParameters
        {
            ValidIssuer = jwt.Issuer,
            ValidAudience = jwt.Audience,
            IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(jwt.SigningKey!)),
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            ClockSkew = TimeSpan.FromSeconds(30),
        };
        o.Events = new JwtBearerEvents
        {
            // The token's subject is the client; its customer claim (if any) binds it to one customer.
            OnTokenValidated = ctx =>
            {
                if (ctx.Principal?.Identity is ClaimsIdentity identity)
                {
                    if (identity.FindFirst("sub") is { } sub) identity.AddClaim(new Claim(Caller.ClientClaim, sub.Value));
                    if (identity.FindFirst(jwt.CustomerClaim) is { } customer) identity.AddClaim(new Claim(Caller.CustomerClaim, customer.Value));
                }

                return Task.CompletedTask;
            },
            OnChallenge = async ctx =>
            {
                ctx.HandleResponse();
                ctx.Response.Headers.WWWAuthenticate = "Bearer";
                await ProblemWriter.WriteAsync(ctx.HttpContext, 401, "Authentication required.", "The bearer token is missing, expired or not valid.");
            },
            OnForbidden = ctx => ProblemWriter.WriteAsync(ctx.HttpContext, 403, "Forbidden.", "This client may not do that."),
        };
    }
}

/// <summary>Paths that need no authentication and no rate limit: probes, scrapers and the API's own description.</summary>
public static class OpenPaths
{
    public static bool IsOpen(PathString path) =>
        path.StartsWithSegments("/health") || path.StartsWithSegments("/metrics")
        || path.StartsWithSegments("/openapi") || path.StartsWithSegments("/docs");
}
