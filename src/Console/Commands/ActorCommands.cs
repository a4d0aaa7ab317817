using System.ComponentModel;
using ActorOrders.Cli.Infrastructure;
using ActorOrders.Contracts.Admin;
using Spectre.Console.Cli;

namespace ActorOrders.Cli.Commands;

/// <summary><c>actor system</c>: the node's actor system.</summary>
public sealed class ActorSystemCommand(Session session) : AdminCommand<AdminSettings>(session)
{
    protected override async Task<int> RunAsync(AdminClient admin, AdminSettings settings, CancellationToken ct)
    {
        var info = await admin.GetAsync<SystemInfo>("system", ct);
        return Print(settings, info, o =>
        {
            o.WriteLine($"name: {info.Name}");
            o.WriteLine($"address: {info.Address}");
            o.WriteLine($"roles: {string.Join(",", info.Roles)}");
            o.WriteLine($"app version: {info.AppVersion}");
            o.WriteLine($"akka: {info.AkkaVersion}");
            o.WriteLine($"started: {Text.Time(info.StartedAt)} (up {Text.Age(TimeSpan.FromSeconds(info.UptimeSeconds))})");
            o.WriteLine($"process: {info.ProcessId} on {info.MachineName}");
        });
    }
}

/// <summary>The options of <c>actor hierarchy</c>.</summary>
public sealed class HierarchySettings : AdminSettings
{
    [CommandOption("-d|--depth <DEPTH>")]
    [Description("Levels below the root to list (1-20, default 3)")]
    public int? Depth { get; set; }
}

/// <summary><c>actor hierarchy [-d depth]</c>: the node's actor tree.</summary>
public sealed class ActorHierarchyCommand(Session session) : AdminCommand<HierarchySettings>(session)
{
    protected override async Task<int> RunAsync(AdminClient admin, HierarchySettings settings, CancellationToken ct)
    {
        var tree = await admin.GetAsync<ActorHierarchy>($"actors?depth={settings.Depth ?? 3}", ct);
        return Print(settings, tree, o =>
        {
            Write(o, tree.Root, 0);
            o.WriteLine($"{Text.Count(tree.Count, "actor", "actors")}{(tree.Truncated ? " (truncated)" : "")}");
        });
    }

    private static void Write(TextWriter o, ActorNode node, int indent)
    {
        var hidden = node.ChildCount - node.Children.Count;
        o.WriteLine($"{new string(' ', indent * 2)}{node.Path}{(node.Type is null ? "" : $" [{node.Type}]")}{(hidden > 0 ? $" (+{hidden} more)" : "")}");
        foreach (var child in node.Children) Write(o, child, indent + 1);
    }
}
