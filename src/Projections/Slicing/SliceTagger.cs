using System.Collections.Immutable;
using Akka.Actor;
using Akka.Persistence.Journal;

namespace ActorOrders.Projections;

/// <summary>
/// Base of a write-side event adapter that tags each event with its slice
/// (<see cref="Slices.Tag"/> of <see cref="Slices.Of"/> of the event's key), so that one
/// projection worker per slice can read it with <c>EventsByTag</c>.
/// </summary>
/// <remarks>
/// <para>Akka creates adapters through a constructor taking <see cref="ExtendedActorSystem"/>;
/// a subclass passes it on with the config path that holds <c>slice-count</c> and
/// <c>tag-prefix</c>, e.g.:</para>
/// <code>
/// public sealed class OrderTagger(ExtendedActorSystem system) : SliceTagger(system, "actororders.projections.orders")
/// {
///     protected override string? KeyOf(object evt) => (evt as IOrderEvent)?.OrderId;
/// }
/// </code>
/// <para>Bind it with <see cref="BindingHocon"/>. The tag sets are built once, so tagging an
/// event costs one hash over the key and one <see cref="Tagged"/> box.</para>
/// </remarks>
public abstract class SliceTagger : IWriteEventAdapter
{
    /// <summary>The journal plugin the node writes with (Akka.Persistence.Sql).</summary>
    public const string DefaultJournalPluginId = "akka.persistence.journal.sql";

    private readonly IImmutableSet<string>[] _tagSets;

    /// <summary>Reads <c>{configPath}.slice-count</c> (≥ 1) and <c>{configPath}.tag-prefix</c> from the actor system's config.</summary>
    /// <exception cref="InvalidOperationException">A setting is missing or invalid: tagging with a guessed value would be permanent.</exception>
    protected SliceTagger(ExtendedActorSystem system, string configPath)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentException.ThrowIfNullOrWhiteSpace(configPath);
        var config = system.Settings.Config;

        var countPath = $"{configPath}.slice-count";
        var prefixPath = $"{configPath}.tag-prefix";
        if (!config.HasPath(countPath))
            throw new InvalidOperationException($"{GetType().Name}: '{countPath}' is not configured (the number of projection slices, ≥ 1).");
        if (!config.HasPath(prefixPath) || string.IsNullOrWhiteSpace(config.GetString(prefixPath)))
            throw new InvalidOperationException($"{GetType().Name}: '{prefixPath}' is not configured (the slice tag prefix, e.g. orders-slice).");

        SliceCount = config.GetInt(countPath);
        if (SliceCount < 1)
            throw new InvalidOperationException($"{GetType().Name}: '{countPath}' must be at least 1 (was {SliceCount}).");
        TagPrefix = config.GetString(prefixPath);

        _tagSets = new IImmutableSet<string>[SliceCount];
        for (var slice = 0; slice < SliceCount; slice++)
            _tagSets[slice] = ImmutableHashSet.Create(Slices.Tag(TagPrefix, slice));
    }

    /// <summary>Number of slices events are spread over. Never change it once events are tagged.</summary>
    public int SliceCount { get; }

    /// <summary>Prefix of the slice tags (<c>{prefix}-{slice}</c>).</summary>
    public string TagPrefix { get; }

    /// <summary>The slicing key of <paramref name="evt"/> (usually its entity id), or null to leave it untagged.</summary>
    protected abstract string? KeyOf(object evt);

    /// <inheritdoc />
    public string Manifest(object evt) => string.Empty;

    /// <summary>Wraps <paramref name="evt"/> in <see cref="Tagged"/> with its slice tag; an event without a key passes unchanged.</summary>
    public object ToJournal(object evt) =>
        KeyOf(evt) is { } key ? new Tagged(evt, _tagSets[Slices.Of(key, SliceCount)]) : evt;

    /// <summary>
    /// HOCON that registers <paramref name="taggerType"/> as event adapter <paramref name="adapterName"/>
    /// of the journal plugin and binds it to <paramref name="eventTypes"/> (a binding to a base type or
    /// interface covers its implementations; Akka picks the most specific binding).
    /// </summary>
    public static string BindingHocon(
        Type taggerType,
        IEnumerable<Type> eventTypes,
        string adapterName = "slice-tagger",
        string journalPluginId = DefaultJournalPluginId)
    {
        ArgumentNullException.ThrowIfNull(taggerType);
        ArgumentNullException.ThrowIfNull(eventTypes);
        ArgumentException.ThrowIfNullOrWhiteSpace(adapterName);
        ArgumentException.ThrowIfNullOrWhiteSpace(journalPluginId);
        if (!typeof(SliceTagger).IsAssignableFrom(taggerType))
            throw new ArgumentException($"{taggerType} does not derive from {nameof(SliceTagger)}.", nameof(taggerType));

        var bindings = eventTypes.Select(t => $"      {Quote(TypeName(t))} = {Quote(adapterName)}").ToList();
        if (bindings.Count == 0) throw new ArgumentException("At least one event type to bind.", nameof(eventTypes));

        return $$"""
            {{journalPluginId}} {
              event-adapters {
                {{Quote(adapterName)}} = {{Quote(TypeName(taggerType))}}
              }
              event-adapter-bindings {
            {{string.Join("\n", bindings)}}
              }
            }
            """;
    }

    /// <summary><see cref="BindingHocon(Type, IEnumerable{Type}, string, string)"/> for one event type.</summary>
    public static string BindingHocon<TTagger, TEvent>(string adapterName = "slice-tagger", string journalPluginId = DefaultJournalPluginId)
        where TTagger : SliceTagger =>
        BindingHocon(typeof(TTagger), [typeof(TEvent)], adapterName, journalPluginId);

    // "Namespace.Type, Assembly": what Type.GetType resolves, without version noise.
    private static string TypeName(Type type) => $"{type.FullName}, {type.Assembly.GetName().Name}";

    private static string Quote(string value) => "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
