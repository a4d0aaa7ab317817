using System.Text.Json;

namespace ActorOrders.Node.Tests.Support;

/// <summary>
/// An order's final status against the participants' ledger (the rules of bench/LoadGen verify):
/// Completed ⇔ charged once, reserved, shipped and nothing undone; a charge, reservation or shipment
/// of an order that did not complete is undone; nobody is charged twice.
/// </summary>
public static class LedgerCheck
{
    public static IEnumerable<string> Problems(string id, string status, JsonElement? row)
    {
        bool Flag(string name) => row is { } r && r.GetProperty(name).GetBoolean();
        var charges = row?.GetProperty("charges").GetInt32() ?? 0;
        var describe = row?.GetRawText() ?? "no ledger row";

        if (charges > 1) yield return $"{id}: charged {charges} times ({describe})";
        if (status == "Completed" && !(charges == 1 && Flag("reserved") && Flag("shipped")))
            yield return $"{id}: Completed but not charged, reserved and shipped ({describe})";
        if (status == "Completed" && (Flag("refunded") || Flag("released") || Flag("shipmentCancelled")))
            yield return $"{id}: Completed but compensated ({describe})";
        // AttentionRequired: an undo that keeps failing is the very reason an operator is called; what it left is expected.
        if (status == "AttentionRequired") yield break;
        if (status != "Completed" && charges > 0 && !Flag("refunded")) yield return $"{id}: {status} after a charge that was not refunded ({describe})";
        if (status != "Completed" && Flag("reserved") && !Flag("released")) yield return $"{id}: {status} with stock reserved and not released ({describe})";
        if (status != "Completed" && Flag("shipped") && !Flag("shipmentCancelled")) yield return $"{id}: {status} but shipped ({describe})";
    }
}
