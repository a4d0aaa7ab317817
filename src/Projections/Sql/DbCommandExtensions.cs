using System.Data.Common;

namespace ActorOrders.Projections;

/// <summary>Small ADO.NET helpers that read the same on SQLite and PostgreSQL.</summary>
public static class DbCommandExtensions
{
    /// <summary>A command on <paramref name="connection"/> inside <paramref name="transaction"/> (may be null).</summary>
    public static DbCommand CreateCommand(this DbConnection connection, DbTransaction? transaction, string sql)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    /// <summary>Adds parameter <c>@<paramref name="name"/></c> (null becomes <see cref="DBNull"/>).</summary>
    public static DbCommand AddParameter(this DbCommand command, string name, object? value)
    {
        ArgumentNullException.ThrowIfNull(command);
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
        return command;
    }
}
