using System.Data.Common;

namespace ActorOrders.Projections;

/// <summary>
/// Measures one slice's lag in the journal: tagged, not deleted events with ordering above the
/// stored offset. Both queries walk the ordering primary key upwards from the offset, so a
/// caught-up slice costs a short range scan, and the count stops at the limit.
/// </summary>
internal sealed class LagQuery
{
    private readonly string _count;
    private readonly string _oldest;
    private readonly TagStorage _storage;
    private readonly string _separator;

    public LagQuery(JournalSchema schema)
    {
        _storage = schema.TagStorage;
        _separator = schema.TagSeparator;
        var journal = SqlDialect.Table(schema.SchemaName, schema.JournalTable);
        var ordering = SqlDialect.Quote(schema.OrderingColumn);
        var deleted = SqlDialect.Quote(schema.DeletedColumn);
        var created = SqlDialect.Quote(schema.CreatedColumn);

        if (schema.TagStorage == TagStorage.Csv)
        {
            var matches = $"j.{ordering} > @offset AND j.{SqlDialect.Quote(schema.TagsColumn)} LIKE @pattern ESCAPE '\\' AND j.{deleted} = @deleted";
            _count = $"SELECT COUNT(*) FROM (SELECT 1 AS x FROM {journal} j WHERE {matches} ORDER BY j.{ordering} LIMIT @limit) c";
            _oldest = $"SELECT j.{created} FROM {journal} j WHERE {matches} ORDER BY j.{ordering} LIMIT 1";
        }
        else
        {
            var tags = SqlDialect.Table(schema.SchemaName, schema.TagTable);
            var tagOrdering = SqlDialect.Quote(schema.TagOrderingColumn);
            var from = $"{tags} t JOIN {journal} j ON j.{ordering} = t.{tagOrdering}";
            var matches = $"t.{tagOrdering} > @offset AND t.{SqlDialect.Quote(schema.TagValueColumn)} = @tag AND j.{deleted} = @deleted";
            _count = $"SELECT COUNT(*) FROM (SELECT 1 AS x FROM {from} WHERE {matches} ORDER BY t.{tagOrdering} LIMIT @limit) c";
            _oldest = $"SELECT j.{created} FROM {from} WHERE {matches} ORDER BY t.{tagOrdering} LIMIT 1";
        }
    }

    /// <summary>(events behind, capped at <paramref name="limit"/>; seconds since the oldest of them was written, 0 when none).</summary>
    public async Task<(long Events, double Seconds)> MeasureAsync(DbConnection connection, DbTransaction tx, string tag, long offset, int limit, DateTimeOffset now, CancellationToken ct)
    {
        await using var count = Bind(connection.CreateCommand(tx, _count), tag, offset).AddParameter("limit", limit);
        var events = Convert.ToInt64(await count.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
        if (events == 0) return (0, 0);

        await using var oldest = Bind(connection.CreateCommand(tx, _oldest), tag, offset);
        var value = await oldest.ExecuteScalarAsync(ct);
        if (value is null or DBNull) return (events, 0);
        var ticks = Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
        var seconds = (now.UtcTicks - ticks) / (double)TimeSpan.TicksPerSecond;
        return (events, Math.Max(0, seconds));
    }

    private DbCommand Bind(DbCommand command, string tag, long offset)
    {
        command.AddParameter("offset", offset).AddParameter("deleted", false);
        return _storage == TagStorage.Csv
            ? command.AddParameter("pattern", $"%{Like(_separator + tag + _separator)}%")
            : command.AddParameter("tag", tag);
    }

    private static string Like(string literal) =>
        literal.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}
