using System.Net;

namespace ActorOrders.Node.Settings;

/// <summary>The start-up rules of <see cref="AdminSettings"/> (section ActorOrders:Admin).</summary>
public static class AdminSettingsRules
{
    /// <summary>The shortest token accepted: a guessable token on a reachable port is worse than none.</summary>
    public const int MinTokenLength = 16;

    /// <summary>Checks the admin settings; <paramref name="check"/> records (ok, key under ActorOrders, rule).</summary>
    public static void Validate(AdminSettings a, Action<bool, string, string> check)
    {
        var endpoint = Endpoint(a.Url);
        check(endpoint is not null, "Admin:Url", $"must be http://host:port with an IP address or localhost and a port 0-65535 (was '{a.Url}').");
        if (!a.Enabled || endpoint is not { } e) return;

        var hasToken = !string.IsNullOrEmpty(a.Token);
        check(hasToken || e.Loopback, "Admin:Token",
            $"is required when ActorOrders:Admin:Url binds a non-loopback address (was '{a.Url}'); set it from the environment (ActorOrders__Admin__Token).");
        if (hasToken) check(a.Token!.Length >= MinTokenLength && !a.Token.Any(char.IsWhiteSpace), "Admin:Token", $"must be at least {MinTokenLength} characters without spaces.");
        check(!string.IsNullOrWhiteSpace(a.TokenIdentity), "Admin:TokenIdentity", "is required.");
    }

    /// <summary>The listener of an admin URL, or null when it is not one (only http, a literal IP or localhost, a port, no path).</summary>
    public static (string Host, int Port, bool Loopback)? Endpoint(string? url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp || uri.AbsolutePath != "/"
            || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.UserInfo))
            return null;
        var host = uri.Host;
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
            return uri.Port == 0 ? null : (host, uri.Port, true); // Kestrel cannot pick a free port for localhost (two addresses)
        return IPAddress.TryParse(uri.IdnHost.Trim('[', ']'), out var ip) ? (host, uri.Port, IPAddress.IsLoopback(ip)) : null;
    }
}
