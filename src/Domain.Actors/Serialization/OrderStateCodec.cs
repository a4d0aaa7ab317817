using ActorOrders.Domain.State;

namespace ActorOrders.Domain.Serialization;

/// <summary>
/// The stored form of an <see cref="OrderState"/> outside the journal (e.g. a read model that keeps
/// folding an order's events): the same manifest and bytes as a snapshot, read back through the
/// same upcasters, so it evolves with the snapshot format.
/// </summary>
public static class OrderStateCodec
{
    /// <summary>The current manifest and the bytes of <paramref name="state"/>.</summary>
    public static (string Manifest, byte[] Bytes) Write(OrderState state)
    {
        var entry = OrderManifests.Table.EntryFor(state);
        return (entry.Manifest, entry.Write(state));
    }

    /// <summary>The state written under <paramref name="manifest"/> (current or retired).</summary>
    public static OrderState Read(string manifest, byte[] bytes) =>
        OrderManifests.Table.Read(bytes, manifest) as OrderState
        ?? throw new System.Runtime.Serialization.SerializationException($"'{manifest}' is not an order state manifest.");
}
