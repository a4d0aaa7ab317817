using System.Data.Common;
using Akka.Actor;
using Akka.Serialization;
using ActorOrders.Domain.Events;
using ActorOrders.Domain.Saga;
using ActorOrders.Domain.State;
using ActorOrders.Node.Tests.Support;
using ActorOrders.Projections;
using ActorOrders.ReadSide;
using Microsoft.Extensions.DependencyInjection;

namespace ActorOrders.Node.Tests.ReadModel;

/// <summary>
/// Writes an order's OrderPlaced straight into the journal table, bypassing the tag query, the two
/// ways an event can be missed by EventsByTag.
/// </summary>
public static class GapInjection
{
    /// <summary>Committed without its tag: EventsByTag never sees it (what events written before tagging look like).</summary>
    public static Func<TestNode, string, Task> Untagged(StoreConfig store) => async (node, id) =>
    {
        var database = ReadModelRows.Database(store);
        await using var connection = await database.OpenAsync();
        await using var insert = Insert(connection, null, node, id, tagged: false);
        await insert.ExecuteNonQueryAsync();
    };

    /// <summary>
    /// Tagged, but committed out of order: its transaction holds its `ordering` open while later
    /// writes commit, until the read journal stops waiting for the hole and the projection has
    /// passed it (another order's row appears); only then does it commit. PostgreSQL only (SQLite has one writer).
    /// </summary>
    public static Func<TestNode, string, Task> CommittedLate(StoreConfig store) => async (node, id) =>
    {
        var database = ReadModelRows.Database(store);
        await using var connection = await database.OpenAsync();
        await using var tx = await database.BeginWriteAsync(connection);
        await using (var insert = Insert(connection, tx, node, id, tagged: true)) await insert.ExecuteNonQueryAsync();

        var later = await node.Http.PlaceNewAsync(OrderApi.Body(OrderApi.NewId("after-gap")));
        await Eventually.Until(
            async () => (await ReadModelRows.AllAsync(store)).ContainsKey(later),
            TimeSpan.FromSeconds(60),
            "the projection went past the uncommitted event");
        await tx.CommitAsync();
    };

    private static DbCommand Insert(DbConnection connection, DbTransaction? tx, TestNode node, string id, bool tagged)
    {
        var placed = (OrderPlaced)((Accept)OrderDecisions.Place(OrderState.Empty, ToCommand(id), DateTimeOffset.UtcNow)).Events[0];
        var system = node.Services.GetRequiredService<ActorSystem>();
        var serializer = (SerializerWithStringManifest)system.Serialization.FindSerializerFor(placed);
        var slices = node.Services.GetRequiredService<Settings.NodeSettings>().Projections.Slices;
        return connection.CreateCommand(tx, """
                INSERT INTO journal (deleted, persistence_id, sequence_number, created, tags, message, identifier, manifest, writer_uuid)
                VALUES (@deleted, @pid, 1, @created, @tags, @message, @identifier, @manifest, 'gap-injection')
                """)
            .AddParameter("deleted", false)
            .AddParameter("pid", "order-" + id)
            .AddParameter("created", DateTime.UtcNow.Ticks)
            .AddParameter("tags", tagged ? $";{Slices.Tag(OrderSlices.TagPrefix, Slices.Of(id, slices))};" : "")
            .AddParameter("message", serializer.ToBinary(placed))
            .AddParameter("identifier", serializer.Identifier)
            .AddParameter("manifest", serializer.Manifest(placed));
    }

    private static Contracts.PlaceOrder ToCommand(string id) => new(
        id, "gap-customer", "USD", [new Contracts.OrderLine("BOOK-1", 2, 12.50m)], new Contracts.ShippingAddress("1 Main St", "Springfield", "12345", "US"));
}
