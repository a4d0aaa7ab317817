using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace ActorOrders.Http.Security;

/// <summary>
/// Who sent a request: a configured client (API key or token subject), or the anonymous client of
/// a setup without authentication (loopback only). A client bound to a customer acts for that customer alone.
/// </summary>
public sealed record Caller(string ClientId, string? CustomerId)
{
    /// <summary>The claim carrying the client's name.</summary>
    public const string ClientClaim = "client";

    /// <summary>The claim carrying the customer the client is bound to.</summary>
    public const string CustomerClaim = "customer";

    /// <summary>The caller when nothing authenticates (auth off).</summary>
    public static readonly Caller Anonymous = new("anonymous", null);

    public bool IsAnonymous => ReferenceEquals(this, Anonymous);

    /// <summary>The caller of the request.</summary>
    public static Caller Of(HttpContext ctx)
    {
        var user = ctx.User;
        if (user.Identity?.IsAuthenticated != true) return Anonymous;
        var client = user.FindFirstValue(ClientClaim) ?? user.FindFirstValue(ClaimTypes.NameIdentifier) ?? user.FindFirstValue("sub") ?? "unnamed";
        return new Caller(client, user.FindFirstValue(CustomerClaim));
    }

    /// <summary>May this caller see or change an order of <paramref name="customerId"/>?</summary>
    public bool MayAccess(string customerId) => CustomerId is null || string.Equals(CustomerId, customerId, StringComparison.Ordinal);

    /// <summary>
    /// The order id of an idempotency key: the key itself for the anonymous client (so a key that is
    /// a valid order id names the order, as before authentication existed), else a hash of client and
    /// key, so two clients' keys never meet and every gateway derives the same id without a shared store.
    /// </summary>
    public string OrderIdFor(string idempotencyKey)
    {
        if (IsAnonymous) return idempotencyKey;
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{ClientId}\n{idempotencyKey}"));
        return "k-" + Convert.ToHexStringLower(hash)[..40];
    }
}
