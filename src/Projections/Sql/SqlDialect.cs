namespace ActorOrders.Projections;

/// <summary>
/// What differs between SQLite and PostgreSQL for projection tables. What is the same is not
/// here: <c>@name</c> parameters, <c>INSERT … ON CONFLICT (…) DO UPDATE SET … WHERE …</c>
/// upserts with <c>excluded.</c>, row-value comparisons <c>(a, b) &gt; (@a, @b)</c>,
/// <c>LIMIT</c>, <c>CREATE TABLE / INDEX IF NOT EXISTS</c> and double-quoted identifiers.
/// </summary>
public sealed class SqlDialect
{
    /// <summary>SQLite's dialect.</summary>
    public static readonly SqlDialect Sqlite = new(DatabaseProvider.Sqlite, "INTEGER", "INTEGER", "TEXT", "BLOB", "TEXT");

    /// <summary>PostgreSQL's dialect.</summary>
    public static readonly SqlDialect PostgreSql = new(DatabaseProvider.PostgreSql, "BIGINT", "BOOLEAN", "TEXT", "BYTEA", "TIMESTAMPTZ");

    private SqlDialect(DatabaseProvider provider, string bigInt, string boolean, string text, string binary, string timestamp)
    {
        Provider = provider;
        BigInt = bigInt;
        Boolean = boolean;
        Text = text;
        Binary = binary;
        Timestamp = timestamp;
    }

    /// <summary>The database this dialect speaks to.</summary>
    public DatabaseProvider Provider { get; }

    /// <summary>64-bit integer column type (SQLite's INTEGER is 64-bit).</summary>
    public string BigInt { get; }

    /// <summary>Boolean column type; bind a <see cref="bool"/> parameter either way (SQLite stores 0/1).</summary>
    public string Boolean { get; }

    /// <summary>Unbounded text column type.</summary>
    public string Text { get; }

    /// <summary>Binary column type.</summary>
    public string Binary { get; }

    /// <summary>
    /// UTC timestamp column type; bind a <see cref="DateTime"/> of kind UTC (SQLite stores ISO-8601
    /// text, which sorts in time order).
    /// </summary>
    public string Timestamp { get; }

    /// <summary>Double-quotes an identifier (both databases accept it; it keeps mixed-case names intact).</summary>
    public static string Quote(string identifier)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(identifier);
        return "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    /// <summary>Quotes a possibly schema-qualified table name (<paramref name="schema"/> null or empty: none).</summary>
    public static string Table(string? schema, string table) =>
        string.IsNullOrEmpty(schema) ? Quote(table) : $"{Quote(schema)}.{Quote(table)}";

    /// <inheritdoc />
    public override string ToString() => Provider.ToString();
}
