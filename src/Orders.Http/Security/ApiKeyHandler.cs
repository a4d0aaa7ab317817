using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ActorOrders.Http.Security;

/// <summary>The configured API keys, for <see cref="ApiKeyHandler"/>.</summary>
public sealed class ApiKeySchemeOptions : AuthenticationSchemeOptions
{
    public IReadOnlyList<ApiKeyOptions> Keys { get; set; } = [];
}

/// <summary>
/// Authenticates <c>X-Api-Key</c> by comparing the SHA-256 of the key with the configured hashes in
/// constant time (the keys themselves are never configured or kept). On the board's paths only
/// (<c>/board</c>), where the caller is a browser that cannot set a header, the key may also come as the
/// password of HTTP Basic (any user name), and a refusal asks the browser for it.
/// </summary>
public sealed class ApiKeyHandler(IOptionsMonitor<ApiKeySchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<ApiKeySchemeOptions>(options, logger, encoder)
{
    /// <summary>The scheme name.</summary>
    public const string SchemeName = "ApiKey";

    /// <summary>The request header carrying the key.</summary>
    public const string Header = "X-Api-Key";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = Request.Headers[Header].ToString();
        if (presented.Length == 0 && OnBoard(Request.Path)) presented = BasicPassword(Request.Headers.Authorization.ToString()) ?? "";
        if (presented.Length == 0) return Task.FromResult(AuthenticateResult.NoResult());
        if (presented.Length > 512) return Task.FromResult(AuthenticateResult.Fail("The API key is not valid."));

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        ApiKeyOptions? match = null;
        foreach (var key in Options.Keys)
        {
            // Every configured hash is compared, so the time taken says nothing about which one matched.
            if (CryptographicOperations.FixedTimeEquals(hash, Convert.FromHexString(key.Sha256))) match = key;
        }

        if (match is null) return Task.FromResult(AuthenticateResult.Fail("The API key is not valid."));
        var claims = new List<Claim> { new(Caller.ClientClaim, match.Client) };
        if (match.CustomerId is { } customer) claims.Add(new(Caller.CustomerClaim, customer));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (!OnBoard(Request.Path))
            return ProblemWriter.WriteAsync(Context, 401, "Authentication required.", $"Send an API key in {Header} or a bearer token in Authorization.");
        Response.Headers.WWWAuthenticate = "Basic realm=\"ActorOrders board\", charset=\"UTF-8\"";
        return ProblemWriter.WriteAsync(Context, 401, "Authentication required.", $"Send an API key in {Header}, as the password of HTTP Basic (any user name), or a bearer token in Authorization.");
    }

    private static bool OnBoard(PathString path) => path.StartsWithSegments(Board.BoardEndpoints.Path);

    // "Basic base64(user:password)" → the password; null when the header is anything else.
    private static string? BasicPassword(string authorization)
    {
        if (!authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase) || authorization.Length > 1024) return null;
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(authorization["Basic ".Length..].Trim()));
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            return colon >= 0 ? text[(colon + 1)..] : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ProblemWriter.WriteAsync(Context, 403, "Forbidden.", "This client may not do that.");
}
