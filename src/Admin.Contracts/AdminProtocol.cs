namespace ActorOrders.Contracts.Admin;

/// <summary>The constants both ends of the admin API agree on.</summary>
public static class AdminProtocol
{
    /// <summary>Every route lives under this prefix.</summary>
    public const string Prefix = "/admin/v1";

    /// <summary>The node's default admin address (host:port).</summary>
    public const string DefaultAddress = "127.0.0.1:9110";

    /// <summary>The header that carries the token: <c>Authorization: Bearer {token}</c>.</summary>
    public const string AuthorizationScheme = "Bearer";

    /// <summary>
    /// The header in which the console reports its OS user (user@host). The node records it as who
    /// acted when no token is configured; with a token, the token's identity is recorded instead.
    /// </summary>
    public const string UserHeader = "X-ActorOrders-User";

    /// <summary>Media type of a streamed list of JSON documents, one a line (<c>cluster tail</c>).</summary>
    public const string NdJson = "application/x-ndjson";
}

/// <summary>
/// Every error of the admin API, as <c>application/problem+json</c> (RFC 9457 fields). <see cref="Code"/>
/// is a stable word for scripts: <c>unauthorized</c>, <c>bad-request</c>, <c>not-found</c>,
/// <c>refused</c>, <c>too-late</c>, <c>invalid-state</c>, <c>not-configured</c>, <c>unavailable</c>.
/// </summary>
/// <param name="Title">A short summary.</param>
/// <param name="Status">The HTTP status code.</param>
/// <param name="Detail">One sentence saying what is wrong and, where it helps, what to do.</param>
/// <param name="Code">The stable word.</param>
public sealed record AdminProblem(string Title, int Status, string Detail, string Code);
