using Microsoft.Data.Sqlite;

namespace ActorOrders.Node.Tests.Support;

/// <summary>Reads the node's SQLite journal directly, to see what was (not) written.</summary>
public static class SqliteJournal
{
    /// <summary>Journal rows whose persistence id or payload mentions <paramref name="text"/> (payload covers remember-entities events).</summary>
    public static long RowsMentioning(string file, string text)
    {
        using var connection = new SqliteConnection($"Data Source={file};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM journal WHERE instr(persistence_id, $text) > 0 OR instr(message, CAST($text AS BLOB)) > 0";
        command.Parameters.AddWithValue("$text", text);
        return (long)command.ExecuteScalar()!;
    }
}
