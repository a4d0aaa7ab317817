namespace ActorOrders.Projections.Tests.Support;

/// <summary>Reads the journal table directly, to compare what the projection did with what was written.</summary>
public static class JournalQueries
{
    /// <summary>Orderings of the events carrying <paramref name="tag"/> (CSV tag column), ascending.</summary>
    public static async Task<List<long>> OrderingsOfTagAsync(TestStore store, string tag)
    {
        await using var connection = await store.Database.OpenAsync();
        await using var command = connection.CreateCommand(null, "SELECT ordering FROM journal WHERE tags LIKE @p ORDER BY ordering").AddParameter("p", $"%;{tag};%");
        await using var reader = await command.ExecuteReaderAsync();
        var orderings = new List<long>();
        while (await reader.ReadAsync()) orderings.Add(reader.GetInt64(0));
        return orderings;
    }

    /// <summary>Number of toy events without any tag.</summary>
    public static async Task<long> UntaggedToyEventsAsync(TestStore store)
    {
        await using var connection = await store.Database.OpenAsync();
        await using var command = connection.CreateCommand(null, "SELECT COUNT(*) FROM journal WHERE persistence_id LIKE 'toy-%' AND (tags IS NULL OR tags = '')");
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}

/// <summary>The toy state every scenario expects: per key, how many events and their sum.</summary>
public sealed class Expected
{
    private readonly Dictionary<string, (long Events, long Total)> _byId = [];

    public void Add(string key, IEnumerable<int> values)
    {
        var list = values.ToList();
        var id = ToyEntity.Prefix + key;
        var (events, total) = _byId.GetValueOrDefault(id);
        _byId[id] = (events + list.Count, total + list.Sum());
    }

    public void AddEach(IEnumerable<string> keys, int eventsPerKey)
    {
        foreach (var key in keys) Add(key, Enumerable.Range(1, eventsPerKey));
    }

    public long Events => _byId.Values.Sum(v => v.Events);

    /// <summary>Whether the handler's table holds exactly this state (every event applied once, none missing).</summary>
    public async Task<bool> MatchesAsync(ProjectionDatabase database)
    {
        var rows = await ToyStateHandler.ReadAsync(database);
        return rows.Count == _byId.Count && _byId.All(e =>
            rows.TryGetValue(e.Key, out var row) && row.Events == e.Value.Events && row.Total == e.Value.Total && row.LastSeq == e.Value.Events);
    }

    public async Task<string> DescribeAsync(ProjectionDatabase database)
    {
        var rows = await ToyStateHandler.ReadAsync(database);
        var wrong = _byId.Where(e => !rows.TryGetValue(e.Key, out var r) || r.Events != e.Value.Events || r.Total != e.Value.Total)
            .Take(5).Select(e => $"{e.Key}: expected {e.Value}, was {(rows.TryGetValue(e.Key, out var r) ? r.ToString() : "missing")}");
        return $"{rows.Count}/{_byId.Count} rows; {string.Join("; ", wrong)}";
    }

    public Task WaitUntilAppliedAsync(ProjectionDatabase database, TimeSpan? deadline = null) =>
        Eventually.Until(() => MatchesAsync(database), deadline ?? TimeSpan.FromSeconds(30), "the handler applied every event exactly once")
            .ContinueWith(async t =>
            {
                if (t.IsFaulted) throw new TimeoutException($"{t.Exception!.InnerException!.Message} {await DescribeAsync(database)}");
            }).Unwrap();
}
