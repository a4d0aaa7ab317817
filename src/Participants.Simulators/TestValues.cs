using ActorOrders.Contracts;

namespace ActorOrders.Participants;

/// <summary>
/// Order values that force an outcome of the simulated participants (see README.md).
/// Prefixes are compared ignoring case.
/// </summary>
public static class TestValues
{
    /// <summary>Customer id prefix: AuthorizePayment is refused ("card declined").</summary>
    public const string DeclinedCustomer = "decline";

    /// <summary>Customer id prefix: AuthorizePayment never reaches the payment service (nothing charged, no answer); refunds are answered.</summary>
    public const string NoReplyCustomer = "noreply";

    /// <summary>Customer id prefix: AuthorizePayment charges, but its answer is lost (the saga must refund before it rejects).</summary>
    public const string LostReplyCustomer = "lostreply";

    /// <summary>Customer id prefix: RefundPayment answers TransientFailure until <see cref="HealCustomer"/>.</summary>
    public const string NoRefundCustomer = "norefund";

    /// <summary>
    /// Customer id prefix: AuthorizePayment never reaches the service (as <see cref="NoReplyCustomer"/>) and the
    /// refund that voids it fails transiently until <see cref="HealCustomer"/> (the order stops AttentionRequired).
    /// </summary>
    public const string NoVoidCustomer = "novoid";

    /// <summary>SKU prefix: ReserveInventory is refused ("out of stock: SKU").</summary>
    public const string OutOfStockSku = "OOS-";

    /// <summary>Shipping country: ScheduleShipment is refused ("cannot ship to ZZ").</summary>
    public const string UnshippableCountry = "ZZ";

    internal static bool HasPrefix(string? value, string prefix) =>
        value is not null && value.StartsWith(prefix, StringComparison.OrdinalIgnoreCase);

    internal static string? FirstOutOfStockSku(IReadOnlyList<OrderLine> lines)
    {
        for (var i = 0; i < lines.Count; i++)
        {
            if (HasPrefix(lines[i].Sku, OutOfStockSku)) return lines[i].Sku;
        }

        return null;
    }

    internal static bool IsUnshippable(ShippingAddress address) =>
        string.Equals(address.Country, UnshippableCountry, StringComparison.OrdinalIgnoreCase);
}
