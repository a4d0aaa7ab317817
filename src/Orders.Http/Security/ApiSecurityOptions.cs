using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace ActorOrders.Http.Security;

/// <summary>One API key a client may send in <c>X-Api-Key</c>; only its SHA-256 is configured.</summary>
public sealed class ApiKeyOptions
{
    /// <summary>The client's name: its identity in logs, rate limits and idempotency scopes.</summary>
    public string Client { get; set; } = "";

    /// <summary>SHA-256 of the key, 64 hex digits (<c>printf %s "$KEY" | sha256sum</c>).</summary>
    public string Sha256 { get; set; } = "";

    /// <summary>When set, the client acts for this customer only: it places and reads that customer's orders alone.</summary>
    public string? CustomerId { get; set; }
}

/// <summary>JWT bearer tokens signed with HMAC-SHA256 by an issuer the deployment trusts.</summary>
public sealed class JwtOptions
{
    public string? Issuer { get; set; }
    public string? Audience { get; set; }

    /// <summary>The HMAC secret, at least 32 characters.</summary>
    public string? SigningKey { get; set; }

    /// <summary>The claim that binds a token to one customer (optional in each token).</summary>
    public string CustomerClaim { get; set; } = "customer_id";
}

/// <summary>Per-client rate limit (a token bucket); 0 permits = no limit.</summary>
public sealed class RateLimitOptions
{
    public int PermitsPerSecond { get; set; }

    /// <summary>Requests a client may make at once above the steady rate; 0 = <see cref="PermitsPerSecond"/>.</summary>
    public int Burst { get; set; }
}

/// <summary>
/// Who may call the order API, bound from <c>ActorOrders:Auth</c> and <c>ActorOrders:RateLimit</c>. The node and
/// the gateway read the same keys, so one deployment secret configures both.
/// </summary>
public sealed class ApiSecurityOptions
{
    /// <summary>The configuration section of the authentication settings.</summary>
    public const string AuthSection = "ActorOrders:Auth";

    /// <summary>The configuration section of the rate limit.</summary>
    public const string RateLimitSection = "ActorOrders:RateLimit";

    public List<ApiKeyOptions> ApiKeys { get; set; } = [];
    public JwtOptions Jwt { get; set; } = new();
    public RateLimitOptions RateLimit { get; set; } = new();

    /// <summary>Some way to authenticate is configured: then every request but the probes must authenticate.</summary>
    public bool Enabled => ApiKeys.Count > 0 || JwtEnabled;

    /// <summary>JWT bearer tokens are accepted.</summary>
    public bool JwtEnabled => !string.IsNullOrEmpty(Jwt.SigningKey);

    /// <summary>Binds and checks the settings; throws <see cref="ConfigurationRefusedException"/> naming every bad key.</summary>
    public static ApiSecurityOptions Load(IConfiguration configuration)
    {
        var options = new ApiSecurityOptions();
        configuration.GetSection(AuthSection).Bind(options);
        configuration.GetSection(RateLimitSection).Bind(options.RateLimit);

        var errors = new List<string>();
        for (var i = 0; i < options.ApiKeys.Count; i++)
        {
            var key = options.ApiKeys[i];
            var at = string.Create(CultureInfo.InvariantCulture, $"{AuthSection}:ApiKeys:{i}");
            if (string.IsNullOrWhiteSpace(key.Client)) errors.Add($"{at}:Client is required.");
            if (key.Sha256.Length != 64 || !key.Sha256.All(char.IsAsciiHexDigit)) errors.Add($"{at}:Sha256 must be the SHA-256 of the key in 64 hex digits.");
            if (key.CustomerId is { Length: 0 or > 128 }) errors.Add($"{at}:CustomerId must be 1 to 128 characters when set.");
        }

        var jwt = options.Jwt;
        if (jwt.SigningKey is not null || jwt.Issuer is not null || jwt.Audience is not null)
        {
            if (jwt.SigningKey is not { Length: >= 32 }) errors.Add($"{AuthSection}:Jwt:SigningKey must be at least 32 characters.");
            if (string.IsNullOrWhiteSpace(jwt.Issuer)) errors.Add($"{AuthSection}:Jwt:Issuer is required with a signing key.");
            if (string.IsNullOrWhiteSpace(jwt.Audience)) errors.Add($"{AuthSection}:Jwt:Audience is required with a signing key.");
        }

        if (options.RateLimit.PermitsPerSecond < 0) errors.Add($"{RateLimitSection}:PermitsPerSecond must not be negative.");
        if (options.RateLimit.Burst < 0) errors.Add($"{RateLimitSection}:Burst must not be negative.");
        if (errors.Count > 0) throw new ConfigurationRefusedException("Invalid configuration: " + string.Join(" ", errors));
        return options;
    }
}
