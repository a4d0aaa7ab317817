using Akka.Actor;
using Akka.Cluster;
using ActorOrders.Contracts.Admin;

namespace ActorOrders.Node.Admin;

/// <summary>pbm's <c>cluster</c> palette: members, status, leader, unreachable, leave, down, join, down-unreachable, tail.</summary>
internal static class ClusterRoutes
{
    public static RouteGroupBuilder MapClusterRoutes(this RouteGroupBuilder api)
    {
        api.MapGet("/cluster/members", (AdminContext a) =>
        {
            var cluster = Cluster.Get(a.System);
            var state = cluster.State;
            return Results.Ok(new ClusterMembers(cluster.SelfAddress.ToString(), state.Leader?.ToString(), [.. state.Members.Select(m => Of(m, cluster, state))]));
        });

        api.MapGet("/cluster/status", (AdminContext a) =>
        {
            var cluster = Cluster.Get(a.System);
            return Results.Ok(Of(cluster.SelfMember, cluster, cluster.State));
        });

        api.MapGet("/cluster/leader", (AdminContext a) =>
        {
            var state = Cluster.Get(a.System).State;
            var roles = state.Members.SelectMany(m => m.Roles).Distinct().Order(StringComparer.Ordinal);
            return Results.Ok(new ClusterLeader(state.Leader?.ToString(), roles.ToDictionary(r => r, r => state.RoleLeader(r)?.ToString())));
        });

        api.MapGet("/cluster/unreachable", (AdminContext a) =>
        {
            var cluster = Cluster.Get(a.System);
            var state = cluster.State;
            return Results.Ok(new ClusterMembers(cluster.SelfAddress.ToString(), state.Leader?.ToString(), [.. state.Unreachable.OrderBy(m => m.Address).Select(m => Of(m, cluster, state))]));
        });

        api.MapPost("/cluster/leave", async (AdminContext a, HttpContext http) =>
        {
            var (body, bad) = await AdminBodies.ReadAsync<ClusterAddressRequest>(http);
            if (bad is not null) return bad;
            var cluster = Cluster.Get(a.System);
            IResult? error = null;
            var address = body?.Address is { } text ? ParseMember(cluster, text, out error) : cluster.SelfAddress;
            if (address is null) return error!;
            a.Record(http, "cluster leave", address.ToString());
            cluster.Leave(address);
            return Results.Ok(new ClusterActionResult("leave", [address.ToString()], AdminContext.By(http)));
        });

        api.MapPost("/cluster/down", async (AdminContext a, HttpContext http) =>
        {
            var (body, bad) = await AdminBodies.ReadAsync<ClusterAddressRequest>(http);
            if (bad is not null) return bad;
            var cluster = Cluster.Get(a.System);
            if (body?.Address is not { } text) return AdminResults.BadRequest("address is required: the member to down.");
            var address = ParseMember(cluster, text, out var error);
            if (address is null) return error!;
            a.Record(http, "cluster down", address.ToString());
            cluster.Down(address);
            return Results.Ok(new ClusterActionResult("down", [address.ToString()], AdminContext.By(http)));
        });

        api.MapPost("/cluster/join", async (AdminContext a, HttpContext http) =>
        {
            var (body, bad) = await AdminBodies.ReadAsync<ClusterAddressRequest>(http);
            if (bad is not null) return bad;
            var cluster = Cluster.Get(a.System);
            if (body?.Address is not { } text || Parse(text) is not { } address)
                return AdminResults.BadRequest($"address must be a cluster address like akka.tcp://{a.System.Name}@host:port (was '{body?.Address}').");
            a.Record(http, "cluster join", address.ToString());
            cluster.Join(address);
            return Results.Ok(new ClusterActionResult("join", [address.ToString()], AdminContext.By(http)));
        });

        api.MapPost("/cluster/down-unreachable", (AdminContext a, HttpContext http) =>
        {
            var cluster = Cluster.Get(a.System);
            var unreachable = cluster.State.Unreachable.Select(m => m.Address).OrderBy(x => x).ToList();
            foreach (var address in unreachable)
            {
                a.Record(http, "cluster down (unreachable)", address.ToString());
                cluster.Down(address);
            }

            return Results.Ok(new ClusterActionResult("down-unreachable", [.. unreachable.Select(x => x.ToString())], AdminContext.By(http)));
        });

        api.MapGet("/cluster/events", MembershipTailRoute.StreamAsync);
        return api;
    }

    private static ClusterMember Of(Member m, Cluster cluster, ClusterEvent.CurrentClusterState state) => new(
        m.Address.ToString(),
        [.. m.Roles.Order(StringComparer.Ordinal)],
        m.Status.ToString(),
        !state.Unreachable.Contains(m),
        m.AppVersion.ToString(),
        m.Address == cluster.SelfAddress,
        m.Address == state.Leader);

    private static Address? Parse(string text)
    {
        try
        {
            var address = Address.Parse(text.Trim());
            return address.HasGlobalScope ? address : null;
        }
        catch (Exception ex) when (ex is UriFormatException or ArgumentException or FormatException)
        {
            return null;
        }
    }

    private static Address? ParseMember(Cluster cluster, string text, out IResult? error)
    {
        error = null;
        var address = Parse(text);
        if (address is null)
        {
            error = AdminResults.BadRequest($"address must be a cluster address like akka.tcp://{cluster.System.Name}@host:port (was '{text}').");
            return null;
        }

        if (cluster.State.Members.All(m => m.Address != address))
        {
            error = AdminResults.NotFound($"{address} is not a member of this cluster.");
            return null;
        }

        return address;
    }
}
