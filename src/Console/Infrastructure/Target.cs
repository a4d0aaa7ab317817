using System.Globalization;
using System.Text.RegularExpressions;
using ActorOrders.Contracts.Admin;

namespace ActorOrders.Cli.Infrastructure;

/// <summary>
/// The node to talk to: pbm's optional leading <c>host:port</c> (default 127.0.0.1:9110), which
/// Spectre.Console.Cli cannot express (it has no optional argument before a command), so it is
/// taken off the arguments before they are parsed.
/// </summary>
public static partial class Target
{
    /// <summary>The address when none is given.</summary>
    public static readonly Uri Default = new($"http://{AdminProtocol.DefaultAddress}/");

    /// <summary>Splits a leading address off <paramref name="args"/>; the rest is the command.</summary>
    public static (Uri? Address, string[] Command) Split(IReadOnlyList<string> args)
    {
        if (args.Count > 0 && TryParse(args[0], out var address)) return (address, [.. args.Skip(1)]);
        return (null, [.. args]);
    }

    /// <summary>host:port, [v6]:port or http://host:port; never a command word or an option.</summary>
    public static bool TryParse(string text, out Uri address)
    {
        address = Default;
        var candidate = text.StartsWith("http://", StringComparison.OrdinalIgnoreCase) ? text : HostPort().IsMatch(text) ? $"http://{text}" : null;
        if (candidate is null || !Uri.TryCreate(candidate, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp || uri.Port is < 1 or > 65535) return false;
        address = new Uri($"http://{uri.Authority}/");
        return true;
    }

    /// <summary>How the address is shown in messages: host:port.</summary>
    public static string Show(Uri address) => address.Authority.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9][A-Za-z0-9.\-]*):\d{1,5}$")]
    private static partial Regex HostPort();
}
