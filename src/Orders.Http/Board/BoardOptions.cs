using Microsoft.Extensions.Configuration;

namespace ActorOrders.Http.Board;

/// <summary>The board's settings, bound from <c>ActorOrders:Board</c> on the node and the gateway alike.</summary>
public sealed class BoardOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "ActorOrders:Board";

    /// <summary>A running order unchanged for longer than this is listed as stuck (AttentionRequired ones always are).</summary>
    public TimeSpan StuckAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Most stuck orders listed.</summary>
    public int StuckLimit { get; set; } = 50;

    /// <summary>How often the page asks for <c>/board/data</c> again.</summary>
    public TimeSpan Refresh { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a node may take to answer for its snapshot before the board shows it as missing.</summary>
    public TimeSpan NodeTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Seconds of throughput history shown.</summary>
    public int Seconds { get; set; } = 60;

    /// <summary>Binds and checks the section; throws naming a bad key.</summary>
    public static BoardOptions Load(IConfiguration configuration)
    {
        var options = new BoardOptions();
        configuration.GetSection(Section).Bind(options);
        var errors = new List<string>();
        if (options.StuckAfter <= TimeSpan.Zero) errors.Add($"{Section}:StuckAfter must be positive.");
        if (options.StuckLimit is < 1 or > Contracts.OrderListQuery.MaxLimit) errors.Add($"{Section}:StuckLimit must be from 1 to {Contracts.OrderListQuery.MaxLimit}.");
        if (options.Refresh < TimeSpan.FromMilliseconds(250)) errors.Add($"{Section}:Refresh must be at least 00:00:00.250.");
        if (options.NodeTimeout <= TimeSpan.Zero) errors.Add($"{Section}:NodeTimeout must be positive.");
        if (options.Seconds is < 10 or > Contracts.OrderBoard.MaxSeriesSeconds) errors.Add($"{Section}:Seconds must be from 10 to {Contracts.OrderBoard.MaxSeriesSeconds}.");
        if (errors.Count > 0) throw new Security.ConfigurationRefusedException("Invalid configuration: " + string.Join(" ", errors));
        return options;
    }
}
