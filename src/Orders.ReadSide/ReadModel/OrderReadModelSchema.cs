using ActorOrders.Projections;

namespace ActorOrders.ReadSide.ReadModel;

/// <summary>
/// The order read model's table: one row per order, written only by its projection. Times are UTC
/// ticks (100 ns, exact on both databases, so the listing's keyset compares equal values equal);
/// <c>state</c> is the order's folded state in its snapshot format, from which the projection
/// continues to fold; the other columns are what listings filter and show.
/// </summary>
public static class OrderReadModelSchema
{
    /// <summary>The table name.</summary>
    public const string Table = "order_read_model";

    /// <summary>Idempotent DDL for the database's dialect.</summary>
    public static string Ddl(SqlDialect dialect)
    {
        var postgres = dialect.Provider == DatabaseProvider.PostgreSql;
        // Ids compare byte-wise everywhere (PostgreSQL's default collation would order them linguistically).
        var id = postgres ? "TEXT COLLATE \"C\"" : "TEXT";
        var money = postgres ? "NUMERIC" : "TEXT";
        return $"""
            CREATE TABLE IF NOT EXISTS {Table} (
              order_id {id} NOT NULL PRIMARY KEY,
              status {dialect.Text} NOT NULL,
              customer_id {id} NOT NULL,
              total {money} NOT NULL,
              currency {dialect.Text} NOT NULL,
              placed_at {dialect.BigInt} NOT NULL,
              updated_at {dialect.BigInt} NOT NULL,
              current_step {dialect.Text} NULL,
              attempts INTEGER NOT NULL,
              reason {dialect.Text} NULL,
              last_sequence_nr {dialect.BigInt} NOT NULL,
              state_manifest {dialect.Text} NOT NULL,
              state {dialect.Binary} NOT NULL
            );
            CREATE INDEX IF NOT EXISTS ix_{Table}_placed ON {Table} (placed_at DESC, order_id DESC);
            CREATE INDEX IF NOT EXISTS ix_{Table}_status ON {Table} (status, placed_at DESC, order_id DESC);
            CREATE INDEX IF NOT EXISTS ix_{Table}_customer ON {Table} (customer_id, placed_at DESC, order_id DESC);
            CREATE INDEX IF NOT EXISTS ix_{Table}_updated ON {Table} (status, updated_at);
            """;
    }
}
