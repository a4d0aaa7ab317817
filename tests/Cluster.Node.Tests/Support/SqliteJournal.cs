using Microsoft.Data.Sqlite;

namespace ActorOrders.Node.Tests.Support;

/// <summary>Reads the node's SQLite file directly, to see what was (not) written anywhere in it.</summary>
public static class SqliteJournal
{
    /// <summary>Rows of any table of the file with any column that mentions <paramref name="text"/> (text or bytes).</summary>
    public static long RowsMentioning(string file, string text)
    {
        using var connection = new SqliteConnection($"Data Source={file};Mode=ReadOnly;Pooling=False");
        connection.Open();
        long rows = 0;
        foreach (var table in Tables(connection))
        {
            var columns = Columns(connection, table);
            using var command = connection.CreateCommand();
            var anyColumn = string.Join(" OR ", columns.Select(c => $"instr(CAST(\"{c}\" AS BLOB), CAST($text AS BLOB)) > 0"));
            command.CommandText = $"SELECT COUNT(*) FROM \"{table}\" WHERE {anyColumn}";
            command.Parameters.AddWithValue("$text", text);
            rows += (long)command.ExecuteScalar()!;
        }

        return rows;
    }

    /// <summary>The file's tables (the journal's, the snapshot store's, the read model, the projection offsets…).</summary>
    public static IReadOnlyList<string> Tables(string file)
    {
        using var connection = new SqliteConnection($"Data Source={file};Mode=ReadOnly;Pooling=False");
        connection.Open();
        return Tables(connection);
    }

    private static IReadOnlyList<string> Tables(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'";
        using var reader = command.ExecuteReader();
        var tables = new List<string>();
        while (reader.Read()) tables.Add(reader.GetString(0));
        return tables;
    }

    private static List<string> Columns(SqliteConnection connection, string table)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT name FROM pragma_table_info('{table}')";
        using var reader = command.ExecuteReader();
        var columns = new List<string>();
        while (reader.Read()) columns.Add(reader.GetString(0));
        return columns;
    }
}
