using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using ActorOrders.Gateway.Tests.Support;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace ActorOrders.Gateway.Tests;

/// <summary>Unknown ids through a gateway: 404 problems and nothing stored, on a node of their own (a database nothing else writes to).</summary>
public sealed class UnknownIdTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly Processes _processes = new();
    private GatewayProcess _gateway = null!;

    public async Task InitializeAsync()
    {
        await _processes.StartNode().WaitReadyAsync();
        _gateway = _processes.StartGateway();
        await _gateway.WaitReadyAsync();
    }

    public async Task DisposeAsync() => await _processes.DisposeAsync();

    [Fact]
    public Task Ten_thousand_gets_of_random_ids_through_a_gateway_are_404s_and_leave_every_table_unchanged() => _processes.RunAsync(output, async () =>
    {
        // One unknown id first: the first recovery on a new node creates the snapshot store's (empty) table,
        // a schema of the node's, not something stored for an id.
        (await _gateway.Http.GetAsync("/orders/warm-up")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var before = Tables(_processes.JournalFile);
        before.Keys.ShouldContain("order_read_model", "the node's tables exist before the GETs");
        var statuses = new ConcurrentDictionary<HttpStatusCode, int>();
        var ids = Enumerable.Range(0, 10_000).Select(n => $"ghost-{Guid.NewGuid():N}-{n}").ToList();

        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (id, ct) =>
        {
            using var response = await _gateway.Http.GetAsync($"/orders/{id}", ct);
            statuses.AddOrUpdate(response.StatusCode, 1, (_, c) => c + 1);
            if (response.StatusCode == HttpStatusCode.NotFound && id.EndsWith("-0", StringComparison.Ordinal))
                await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        });

        statuses.ShouldBe(new Dictionary<HttpStatusCode, int> { [HttpStatusCode.NotFound] = 10_000 });
        Tables(_processes.JournalFile).ShouldBe(before);
    });

    // Every table's row count and a hash of all its rows.
    private static Dictionary<string, string> Tables(string file)
    {
        using var connection = new SqliteConnection($"Data Source={file};Mode=ReadOnly;Pooling=False");
        connection.Open();
        var names = new List<string>();
        using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name";
            using var reader = list.ExecuteReader();
            while (reader.Read()) names.Add(reader.GetString(0));
        }

        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM \"{name}\"";
            using var reader = command.ExecuteReader();
            var rows = new List<string>();
            while (reader.Read())
                rows.Add(string.Join('|', Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "null" : Convert.ToString(reader.GetValue(i) is byte[] b ? Convert.ToHexString(b) : reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
            rows.Sort(StringComparer.Ordinal);
            result[name] = $"{rows.Count} rows, {Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', rows))))[..16]}";
        }

        return result;
    }
}
