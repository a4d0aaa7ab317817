namespace ActorOrders.Projections;

/// <summary>
/// One projection: which tagged events it reads (<see cref="TagPrefix"/>, <see cref="SliceCount"/>),
/// what it does with them (<see cref="SqlHandler"/> or <see cref="Handler"/>) and how.
/// </summary>
/// <remarks>
/// <see cref="TagPrefix"/> and <see cref="SliceCount"/> must be those of the <see cref="SliceTagger"/>
/// that tags the events, and <see cref="SliceCount"/> must never change once events are tagged.
/// <see cref="Name"/> keys the stored offsets: renaming a projection starts it from scratch.
/// </remarks>
public sealed record ProjectionDefinition
{
    /// <summary>A projection whose effect is rows in the projection database, atomic with its offset.</summary>
    public ProjectionDefinition(string name, string tagPrefix, int sliceCount, ISqlProjectionHandler handler, Func<string, string?> keyOfPersistenceId)
        : this(name, tagPrefix, sliceCount, keyOfPersistenceId) =>
        SqlHandler = handler ?? throw new ArgumentNullException(nameof(handler));

    /// <summary>A projection whose effect is elsewhere; the offset is stored after the effect completes.</summary>
    public ProjectionDefinition(string name, string tagPrefix, int sliceCount, IProjectionHandler handler, Func<string, string?> keyOfPersistenceId)
        : this(name, tagPrefix, sliceCount, keyOfPersistenceId) =>
        Handler = handler ?? throw new ArgumentNullException(nameof(handler));

    private ProjectionDefinition(string name, string tagPrefix, int sliceCount, Func<string, string?> keyOfPersistenceId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(tagPrefix);
        ArgumentOutOfRangeException.ThrowIfLessThan(sliceCount, 1);
        Name = name;
        TagPrefix = tagPrefix;
        SliceCount = sliceCount;
        KeyOfPersistenceId = keyOfPersistenceId ?? throw new ArgumentNullException(nameof(keyOfPersistenceId));
    }

    /// <summary>The projection's name: the key of its offsets, its metrics tag, part of its actor names.</summary>
    public string Name { get; }

    /// <summary>The slice tag prefix (<see cref="Slices.Tag"/>).</summary>
    public string TagPrefix { get; }

    /// <summary>Number of slices, hence of workers.</summary>
    public int SliceCount { get; }

    /// <summary>The handler when the effect is in the projection database; otherwise null.</summary>
    public ISqlProjectionHandler? SqlHandler { get; }

    /// <summary>The handler when the effect is elsewhere; otherwise null.</summary>
    public IProjectionHandler? Handler { get; }

    /// <summary>
    /// The slicing key of a persistence id (the same key the tagger uses for its events), or null when
    /// the persistence id is not part of this projection. Used by the backfill only.
    /// </summary>
    public Func<string, string?> KeyOfPersistenceId { get; }

    /// <summary>Most events per handler call. Default 500.</summary>
    public int BatchSize
    {
        get;
        init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(BatchSize), value, "At least 1.");
    } = 500;

    /// <summary>Longest wait for a batch to fill before it is handed over anyway. Default 50 ms.</summary>
    public TimeSpan BatchDelay
    {
        get;
        init => field = value > TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(BatchDelay), value, "More than zero.");
    } = TimeSpan.FromMilliseconds(50);

    /// <summary>Wait before the first restart after a failure; it doubles per failure in a row. Default 1 s.</summary>
    public TimeSpan MinBackoff
    {
        get;
        init => field = value > TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(MinBackoff), value, "More than zero.");
    } = TimeSpan.FromSeconds(1);

    /// <summary>Longest wait between restarts. Default 30 s.</summary>
    public TimeSpan MaxBackoff
    {
        get;
        init => field = value > TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(MaxBackoff), value, "More than zero.");
    } = TimeSpan.FromSeconds(30);

    /// <summary>Persistence ids whose events the backfill reads at once. Default 4.</summary>
    public int BackfillParallelism
    {
        get;
        init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(BackfillParallelism), value, "At least 1.");
    } = 4;

    /// <summary>How often the lag of every slice is measured. Default 5 s.</summary>
    public TimeSpan LagInterval
    {
        get;
        init => field = value > TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(LagInterval), value, "More than zero.");
    } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Most events counted per slice for the lag (the count query stops there, so a slice far behind
    /// costs a bounded scan); a lag of this many events means "at least". Default 10,000.
    /// </summary>
    public int LagCountLimit
    {
        get;
        init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(LagCountLimit), value, "At least 1.");
    } = 10_000;

    /// <summary>The read journal plugin. Default <c>akka.persistence.query.journal.sql</c>.</summary>
    public string ReadJournalPluginId
    {
        get;
        init => field = !string.IsNullOrWhiteSpace(value) ? value : throw new ArgumentException("A plugin id.", nameof(ReadJournalPluginId));
    } = "akka.persistence.query.journal.sql";

    /// <summary>
    /// Journal tables and tag mode for the lag query; null (default): read from the read journal
    /// plugin's config (<c>table-mapping</c>, <c>tag-read-mode</c>).
    /// </summary>
    public JournalSchema? Journal { get; init; }

    /// <summary>The tag of <paramref name="slice"/>.</summary>
    public string TagOf(int slice)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(slice);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(slice, SliceCount);
        return Slices.Tag(TagPrefix, slice);
    }

    /// <summary>Whether events of <paramref name="persistenceId"/> belong to <paramref name="slice"/>.</summary>
    public bool InSlice(string persistenceId, int slice) =>
        KeyOfPersistenceId(persistenceId) is { } key && Slices.Of(key, SliceCount) == slice;
}
