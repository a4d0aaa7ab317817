namespace ActorOrders.Projections;

/// <summary>The SQL databases the projection engine (and the journal) run on.</summary>
public enum DatabaseProvider
{
    /// <summary>A SQLite file through Microsoft.Data.Sqlite (WAL mode expected).</summary>
    Sqlite,

    /// <summary>PostgreSQL through Npgsql.</summary>
    PostgreSql,
}

/// <summary>SQLite's <c>PRAGMA synchronous</c> for the engine's connections.</summary>
public enum SqliteSynchronous
{
    /// <summary>A commit survives power loss.</summary>
    Full,

    /// <summary>A commit survives a process crash (WAL); faster.</summary>
    Normal,
}
