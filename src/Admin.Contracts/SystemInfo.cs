namespace ActorOrders.Contracts.Admin;

/// <summary><c>GET /admin/v1/system</c>: the node's actor system.</summary>
/// <param name="Name">The actor system's name (the same on every node of a cluster).</param>
/// <param name="Address">This node's cluster address, e.g. akka.tcp://ActorOrders@127.0.0.1:4053.</param>
/// <param name="Roles">This node's cluster roles.</param>
/// <param name="AppVersion">The application version the member announces.</param>
/// <param name="AkkaVersion">The Akka.NET version the node runs.</param>
/// <param name="StartedAt">When the actor system started.</param>
/// <param name="UptimeSeconds">Seconds since then.</param>
/// <param name="ProcessId">The node's process id.</param>
/// <param name="MachineName">The host it runs on.</param>
public sealed record SystemInfo(
    string Name,
    string Address,
    IReadOnlyList<string> Roles,
    string AppVersion,
    string AkkaVersion,
    DateTimeOffset StartedAt,
    double UptimeSeconds,
    int ProcessId,
    string MachineName);

/// <summary><c>GET /admin/v1/actors?depth=N</c>: the local actor tree from the root guardian, <paramref name="Depth"/> levels deep.</summary>
/// <param name="Depth">How many levels below the root are listed.</param>
/// <param name="Count">Actors listed.</param>
/// <param name="Truncated">True when the tree had more actors than the node lists at once (it stops at a bound).</param>
/// <param name="Root">The root guardian and what is below it.</param>
public sealed record ActorHierarchy(int Depth, int Count, bool Truncated, ActorNode Root);

/// <summary>One actor of <see cref="ActorHierarchy"/>.</summary>
/// <param name="Path">Its path without the address, e.g. /system/sharding/order.</param>
/// <param name="Type">Its actor class (short name), when the node can tell.</param>
/// <param name="ChildCount">How many children it has (also when they are below the depth listed).</param>
/// <param name="Children">Its children within the depth, by name.</param>
public sealed record ActorNode(string Path, string? Type, int ChildCount, IReadOnlyList<ActorNode> Children);
