namespace ActorOrders.Contracts.Admin;

/// <summary><c>GET /admin/v1/cluster/members</c>: every member as the node sees it.</summary>
/// <param name="Self">The answering node's address.</param>
/// <param name="Leader">The leader's address, null while there is none.</param>
/// <param name="Members">The members, by address.</param>
public sealed record ClusterMembers(string Self, string? Leader, IReadOnlyList<ClusterMember> Members);

/// <summary>One member.</summary>
/// <param name="Address">Its address, e.g. akka.tcp://ActorOrders@127.0.0.1:4053.</param>
/// <param name="Roles">Its roles (order nodes have <c>node</c>).</param>
/// <param name="Status">Akka's member status: Joining, WeaklyUp, Up, Leaving, Exiting, Down, Removed, PreparingForShutdown, ReadyForShutdown.</param>
/// <param name="Reachable">False when some member's failure detector marks it unreachable.</param>
/// <param name="AppVersion">The application version it announced.</param>
/// <param name="IsSelf">True for the answering node.</param>
/// <param name="IsLeader">True for the leader.</param>
public sealed record ClusterMember(string Address, IReadOnlyList<string> Roles, string Status, bool Reachable, string AppVersion, bool IsSelf, bool IsLeader);

/// <summary><c>GET /admin/v1/cluster/leader</c>.</summary>
/// <param name="Leader">The leader's address, null while there is none.</param>
/// <param name="RoleLeaders">The leader of each role present, by role.</param>
public sealed record ClusterLeader(string? Leader, IReadOnlyDictionary<string, string?> RoleLeaders);

/// <summary>The body of <c>POST /admin/v1/cluster/leave|down|join</c>.</summary>
/// <param name="Address">The member (leave, down) or the cluster member to join; null for leave = the answering node.</param>
public sealed record ClusterAddressRequest(string? Address);

/// <summary>The answer to a membership action; the action is also logged by the node (who, what).</summary>
/// <param name="Action">leave, down, join or down-unreachable.</param>
/// <param name="Addresses">The members it was applied to (none when nothing was unreachable).</param>
/// <param name="By">Who asked, as the node identified them.</param>
public sealed record ClusterActionResult(string Action, IReadOnlyList<string> Addresses, string By);

/// <summary>
/// One line of <c>GET /admin/v1/cluster/events</c> (NDJSON, until the client disconnects): the
/// current members first (as MemberUp, MemberJoined… of each), then every change.
/// </summary>
/// <param name="At">When the node saw it.</param>
/// <param name="Event">MemberJoined, MemberUp, MemberWeaklyUp, MemberLeft, MemberExited, MemberDowned, MemberRemoved, UnreachableMember, ReachableMember, LeaderChanged.</param>
/// <param name="Address">The member concerned (the new leader for LeaderChanged; null when there is none).</param>
/// <param name="Status">The member's status then, when the event carries one.</param>
/// <param name="Roles">The member's roles.</param>
public sealed record MembershipEvent(DateTimeOffset At, string Event, string? Address, string? Status, IReadOnlyList<string> Roles);
