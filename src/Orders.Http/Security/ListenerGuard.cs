using System.Net;
using Microsoft.Extensions.Configuration;

namespace ActorOrders.Http.Security;

/// <summary>
/// Refuses to serve the order API off loopback without authentication: whoever reaches the port
/// could otherwise place, read and cancel every order (and drive the simulators of a node).
/// </summary>
public static class ListenerGuard
{
    /// <summary>The listeners that are not on loopback, each with the setting that asks for it.</summary>
    public static IReadOnlyList<string> OffLoopback(IConfiguration configuration)
    {
        var found = new List<string>();
        foreach (var url in Split(configuration["urls"]))
        {
            if (!IsLoopback(url)) found.Add($"urls (--urls / ASPNETCORE_URLS) = '{url}'");
        }

        // ASPNETCORE_HTTP_PORTS / HTTPS_PORTS bind every interface.
        foreach (var key in new[] { "http_ports", "https_ports" })
        {
            if (!string.IsNullOrWhiteSpace(configuration[key])) found.Add($"{key} (ASPNETCORE_{key.ToUpperInvariant()}) = '{configuration[key]}'");
        }

        foreach (var endpoint in configuration.GetSection("Kestrel:Endpoints").GetChildren())
        {
            if (endpoint["Url"] is { } url && !IsLoopback(url)) found.Add($"Kestrel:Endpoints:{endpoint.Key}:Url = '{url}'");
        }

        return found;
    }

    /// <summary>
    /// True when <c>urls</c> or <c>http_ports</c> / <c>https_ports</c> say where to listen. A process's default
    /// URL applies only otherwise: set with UseUrls, it would take precedence over the ports and silently replace them.
    /// </summary>
    public static bool ListenersConfigured(IConfiguration configuration) =>
        new[] { "urls", "http_ports", "https_ports" }.Any(key => !string.IsNullOrWhiteSpace(configuration[key]));

    /// <summary>Throws when a listener is off loopback and no authentication is configured; the message names the settings.</summary>
    public static void Check(IConfiguration configuration, ApiSecurityOptions security, string process)
    {
        if (security.Enabled) return;
        var off = OffLoopback(configuration);
        if (off.Count == 0) return;
        throw new ConfigurationRefusedException(
            $"The {process} refuses to start: it would listen off loopback ({string.Join("; ", off)}) with no authentication. " +
            $"Configure {ApiSecurityOptions.AuthSection}:ApiKeys (Client and Sha256 of each key) or {ApiSecurityOptions.AuthSection}:Jwt " +
            "(Issuer, Audience, SigningKey), or listen on 127.0.0.1 / [::1] / localhost only.");
    }

    /// <summary>True for http(s) URLs on localhost or a loopback IP; wildcards (*, +, 0.0.0.0, [::]) and other names are not.</summary>
    public static bool IsLoopback(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")) return false;
        var host = uri.DnsSafeHost;
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)) return true;
        return IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip);
    }

    private static IEnumerable<string> Split(string? urls) =>
        (urls ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
