using System.Diagnostics;
using System.Reflection;
using Akka.Actor;
using ActorOrders.Contracts.Admin;

namespace ActorOrders.Node.Admin;

/// <summary><c>GET /system</c> (pbm's <c>actor system</c>) and <c>GET /actors?depth=N</c> (<c>actor hierarchy</c>).</summary>
internal static class SystemRoutes
{
    /// <summary>Most actors listed at once: a node runs an entity per order in flight, which can be many thousands.</summary>
    public const int MaxActors = 2000;

    public static RouteGroupBuilder MapSystemRoutes(this RouteGroupBuilder api)
    {
        api.MapGet("/system", (AdminContext a) =>
        {
            var system = a.System;
            var cluster = Akka.Cluster.Cluster.Get(system);
            var uptime = system.Uptime;
            return Results.Ok(new SystemInfo(
                system.Name,
                cluster.SelfAddress.ToString(),
                [.. cluster.SelfRoles.Order(StringComparer.Ordinal)],
                cluster.SelfMember.AppVersion.ToString(),
                typeof(ActorSystem).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
                    ?? typeof(ActorSystem).Assembly.GetName().Version?.ToString() ?? "unknown",
                a.Clock.GetUtcNow() - uptime,
                Math.Round(uptime.TotalSeconds, 1),
                Environment.ProcessId,
                Environment.MachineName));
        });

        api.MapGet("/actors", (AdminContext a, int? depth) =>
        {
            var levels = depth ?? 3;
            if (levels is < 1 or > 20) return AdminResults.BadRequest($"depth must be between 1 and 20 (was {levels}).");
            var root = ((ExtendedActorSystem)a.System).Provider.RootGuardian;
            var count = 0;
            var truncated = false;
            var tree = Walk(root, levels, ref count, ref truncated);
            return Results.Ok(new ActorHierarchy(levels, count, truncated, tree));
        });
        return api;
    }

    // Reads the children containers directly (no message to any actor, as pbm's hierarchy does):
    // they are immutable snapshots, so reading them from outside the actor is safe.
    private static ActorNode Walk(IActorRef actor, int levels, ref int count, ref bool truncated)
    {
        count++;
        var children = actor is ActorRefWithCell cell ? cell.Children.OrderBy(c => c.Path.Name, StringComparer.Ordinal).ToList() : [];
        var listed = new List<ActorNode>();
        if (levels > 0)
        {
            foreach (var child in children)
            {
                if (count >= MaxActors)
                {
                    truncated = true;
                    break;
                }

                listed.Add(Walk(child, levels - 1, ref count, ref truncated));
            }
        }

        var type = (actor as ActorRefWithCell)?.Underlying.Props.Type?.Name;
        return new ActorNode(actor.Path.ToStringWithoutAddress(), type, children.Count, listed);
    }
}
