using System.ComponentModel;
using System.Text.Json;
using ActorOrders.Cli.Infrastructure;
using ActorOrders.Contracts.Admin;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ActorOrders.Cli.Commands;

/// <summary>One member a line: address | roles | status | reachability | app version.</summary>
internal static class MemberLine
{
    public static string Of(ClusterMember m) =>
        $"{m.Address} | {string.Join(",", m.Roles)} | {m.Status} | {(m.Reachable ? "reachable" : "unreachable")} | {m.AppVersion}";
}

/// <summary><c>cluster show</c>: every member, then the count.</summary>
public sealed class ClusterShowCommand(Session session) : AdminCommand<AdminSettings>(session)
{
    protected override async Task<int> RunAsync(AdminClient admin, AdminSettings settings, CancellationToken ct)
    {
        var members = await admin.GetAsync<ClusterMembers>("cluster/members", ct);
        return Print(settings, members, o =>
        {
            foreach (var m in members.Members) o.WriteLine(MemberLine.Of(m));
            o.WriteLine(Text.Count(members.Members.Count, "member", "members"));
        });
    }
}

/// <summary><c>cluster status</c>: the member the console is connected to.</summary>
public sealed class ClusterStatusCommand(Session session) : AdminCommand<AdminSettings>(session)
{
    protected override async Task<int> RunAsync(AdminClient admin, AdminSettings settings, CancellationToken ct)
    {
        var self = await admin.GetAsync<ClusterMember>("cluster/status", ct);
        return Print(settings, self, o => o.WriteLine(MemberLine.Of(self) + (self.IsLeader ? " | leader" : "")));
    }
}

/// <summary><c>cluster leader</c>: the leader, and the leader of each role.</summary>
public sealed class ClusterLeaderCommand(Session session) : AdminCommand<AdminSettings>(session)
{
    protected override async Task<int> RunAsync(AdminClient admin, AdminSettings settings, CancellationToken ct)
    {
        var leader = await admin.GetAsync<ClusterLeader>("cluster/leader", ct);
        return Print(settings, leader, o =>
        {
            o.WriteLine(leader.Leader ?? "no leader");
            foreach (var (role, address) in leader.RoleLeaders) o.WriteLine($"role {role}: {address ?? "no leader"}");
        });
    }
}

/// <summary><c>cluster unreachable</c>: the members some other member cannot reach.</summary>
public sealed class ClusterUnreachableCommand(Session session) : AdminCommand<AdminSettings>(session)
{
    protected override async Task<int> RunAsync(AdminClient admin, AdminSettings settings, CancellationToken ct)
    {
        var members = await admin.GetAsync<ClusterMembers>("cluster/unreachable", ct);
        return Print(settings, members, o =>
        {
            foreach (var m in members.Members) o.WriteLine(MemberLine.Of(m));
            o.WriteLine(Text.Count(members.Members.Count, "unreachable member", "unreachable members"));
        });
    }
}

/// <summary>The options of <c>cluster leave|down|join</c>.</summary>
public sealed class AddressSettings : AdminSettings
{
    [CommandOption("-a|--address <ADDRESS>")]
    [Description("A member's address, e.g. akka.tcp://ActorOrders@127.0.0.1:4053")]
    public string? Address { get; set; }
}

/// <summary><c>cluster leave [-a address]</c>, <c>cluster down -a address</c>, <c>cluster join -a address</c>.</summary>
public abstract class MembershipCommand(Session session, string action, bool addressRequired) : AdminCommand<AddressSettings>(session)
{
    /// <inheritdoc />
    public override ValidationResult Validate(CommandContext context, AddressSettings settings) =>
        addressRequired && string.IsNullOrWhiteSpace(settings.Address)
            ? ValidationResult.Error($"cluster {action} needs -a|--address: the member's address, e.g. akka.tcp://ActorOrders@127.0.0.1:4053.")
            : ValidationResult.Success();

    protected override async Task<int> RunAsync(AdminClient admin, AddressSettings settings, CancellationToken ct)
    {
        var result = await admin.PostAsync<ClusterActionResult>($"cluster/{action}", new ClusterAddressRequest(settings.Address), ct);
        return Print(settings, result, o => o.WriteLine($"{action} requested for {string.Join(", ", result.Addresses)} (recorded as {result.By})"));
    }
}

/// <summary><c>cluster leave [-a address]</c>: the member (default: the node connected to) leaves gracefully.</summary>
public sealed class ClusterLeaveCommand(Session session) : MembershipCommand(session, "leave", addressRequired: false);

/// <summary><c>cluster down -a address</c>: the member is marked down.</summary>
public sealed class ClusterDownCommand(Session session) : MembershipCommand(session, "down", addressRequired: true);

/// <summary><c>cluster join -a address</c>: the node connected to joins the cluster of that member.</summary>
public sealed class ClusterJoinCommand(Session session) : MembershipCommand(session, "join", addressRequired: true);

/// <summary><c>cluster down-unreachable</c>: downs every unreachable member.</summary>
public sealed class ClusterDownUnreachableCommand(Session session) : AdminCommand<AdminSettings>(session)
{
    protected override async Task<int> RunAsync(AdminClient admin, AdminSettings settings, CancellationToken ct)
    {
        var result = await admin.PostAsync<ClusterActionResult>("cluster/down-unreachable", null, ct);
        return Print(settings, result, o =>
        {
            foreach (var a in result.Addresses) o.WriteLine($"downed {a}");
            o.WriteLine($"{Text.Count(result.Addresses.Count, "unreachable member", "unreachable members")} downed (recorded as {result.By})");
        });
    }
}

/// <summary><c>cluster tail</c>: membership events (the current members first) until Ctrl+C.</summary>
public sealed class ClusterTailCommand(Session session) : AdminCommand<AdminSettings>(session)
{
    protected override async Task<int> RunAsync(AdminClient admin, AdminSettings settings, CancellationToken ct)
    {
        await foreach (var line in admin.LinesAsync("cluster/events", ct))
        {
            if (settings.Json)
            {
                Session.Out.WriteLine(line);
            }
            else if (JsonSerializer.Deserialize<MembershipEvent>(line, Json.Options) is { } e)
            {
                Session.Out.WriteLine($"{Text.Time(e.At)} {e.Event} {e.Address ?? "(none)"}{(e.Status is null ? "" : $" {e.Status}")}{(e.Roles.Count == 0 ? "" : $" [{string.Join(",", e.Roles)}]")}");
            }

            Session.Out.Flush();
        }

        return ExitCodes.Ok;
    }
}
