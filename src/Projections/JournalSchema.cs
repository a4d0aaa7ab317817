using Akka.Configuration;

namespace ActorOrders.Projections;

/// <summary>How tags are stored by Akka.Persistence.Sql (<c>tag-write-mode</c> / <c>tag-read-mode</c>).</summary>
public enum TagStorage
{
    /// <summary>In the journal's <c>tags</c> column as <c>;tag1;tag2;</c>.</summary>
    Csv,

    /// <summary>One row per tag in the tag table.</summary>
    TagTable,
}

/// <summary>
/// Names of the Akka.Persistence.Sql journal table, its tag table and their columns, as the lag query
/// needs them. <see cref="Default"/> is the plugin's <c>table-mapping = default</c>.
/// </summary>
/// <remarks>
/// <c>created</c> holds <see cref="DateTime.UtcNow"/> ticks (100 ns units since 0001-01-01 UTC) at the write;
/// <c>ordering</c> is the journal's identity column, the offset of <c>EventsByTag</c>.
/// </remarks>
public sealed record JournalSchema
{
    /// <summary><c>table-mapping = default</c> with tags in the CSV column.</summary>
    public static readonly JournalSchema Default = new();

    /// <summary>Schema of the tables; null for the connection's default.</summary>
    public string? SchemaName { get; init; }

    /// <summary>The journal table.</summary>
    public string JournalTable { get; init; } = "journal";

    /// <summary>The journal's ordering (global offset) column.</summary>
    public string OrderingColumn { get; init; } = "ordering";

    /// <summary>The journal's soft-delete flag column.</summary>
    public string DeletedColumn { get; init; } = "deleted";

    /// <summary>The journal's write-time column (UTC ticks).</summary>
    public string CreatedColumn { get; init; } = "created";

    /// <summary>The journal's CSV tags column.</summary>
    public string TagsColumn { get; init; } = "tags";

    /// <summary>Where the tags are.</summary>
    public TagStorage TagStorage { get; init; } = TagStorage.Csv;

    /// <summary>The CSV tag separator.</summary>
    public string TagSeparator { get; init; } = ";";

    /// <summary>The tag table.</summary>
    public string TagTable { get; init; } = "tags";

    /// <summary>The tag table's ordering column (the journal's ordering).</summary>
    public string TagOrderingColumn { get; init; } = "ordering_id";

    /// <summary>The tag table's tag column.</summary>
    public string TagValueColumn { get; init; } = "tag";

    /// <summary>
    /// The schema the read journal plugin at <paramref name="readJournalPluginId"/> uses: its
    /// <c>table-mapping</c> block, <c>tag-read-mode</c> and <c>tag-separator</c>.
    /// </summary>
    public static JournalSchema FromConfig(Config config, string readJournalPluginId)
    {
        ArgumentNullException.ThrowIfNull(config);
        var plugin = config.GetConfig(readJournalPluginId)
            ?? throw new InvalidOperationException($"No read journal is configured at '{readJournalPluginId}'.");
        var mapping = plugin.GetString("table-mapping", "default");
        var tables = plugin.GetConfig(mapping)
            ?? throw new InvalidOperationException($"'{readJournalPluginId}.table-mapping' names '{mapping}', which is not configured.");

        var mode = plugin.GetString("tag-read-mode", "TagTable");
        var storage = Enum.TryParse<TagStorage>(mode, ignoreCase: true, out var parsed) ? parsed : TagStorage.TagTable;
        var schema = tables.GetString("schema-name", null);
        var d = Default;
        return new JournalSchema
        {
            SchemaName = string.IsNullOrWhiteSpace(schema) ? null : schema,
            JournalTable = tables.GetString("journal.table-name", d.JournalTable),
            OrderingColumn = tables.GetString("journal.columns.ordering", d.OrderingColumn),
            DeletedColumn = tables.GetString("journal.columns.deleted", d.DeletedColumn),
            CreatedColumn = tables.GetString("journal.columns.created", d.CreatedColumn),
            TagsColumn = tables.GetString("journal.columns.tags", d.TagsColumn),
            TagStorage = storage,
            TagSeparator = plugin.GetString("tag-separator", d.TagSeparator),
            TagTable = tables.GetString("tag.table-name", d.TagTable),
            TagOrderingColumn = tables.GetString("tag.columns.ordering-id", d.TagOrderingColumn),
            TagValueColumn = tables.GetString("tag.columns.tag-value", d.TagValueColumn),
        };
    }
}
