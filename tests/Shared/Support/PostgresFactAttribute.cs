namespace ActorOrders.Testing;

/// <summary>
/// A fact that needs PostgreSQL: the Npgsql connection string comes from ACTORORDERS_POSTGRES.
/// Skipped when it is absent, except under CI=true, where the test runs and fails instead, so a
/// CI without its database can never look green.
/// </summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public const string Variable = "ACTORORDERS_POSTGRES";

    public PostgresFactAttribute()
    {
        var isCi = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        if (ConnectionString is null && !isCi) Skip = $"{Variable} is not set (an Npgsql connection string).";
    }

    /// <summary>The configured connection string, or null.</summary>
    public static string? ConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;
}
