using System.Globalization;
using System.Text;
using Akka.Actor;
using Akka.Persistence;
using Akka.Serialization;

namespace ActorOrders.Projections.Tests.Support;

/// <summary>The toy entity's only event: entity <see cref="Key"/> added <see cref="N"/>.</summary>
public sealed record ToyEvent(string Key, int N);

/// <summary>Asks a toy entity to persist <see cref="N"/>; it answers <see cref="Persisted"/>.</summary>
public sealed record Add(int N);

/// <summary>The entity persisted its event with <see cref="SequenceNr"/>.</summary>
public sealed record Persisted(string Key, long SequenceNr);

/// <summary>A persistent actor that persists what it is told, as persistence id <c>toy-{key}</c>.</summary>
public sealed class ToyEntity : ReceivePersistentActor
{
    public const string Prefix = "toy-";

    public ToyEntity(string key)
    {
        PersistenceId = Prefix + key;
        Command<Add>(add => Persist(new ToyEvent(key, add.N), e => Sender.Tell(new Persisted(e.Key, LastSequenceNr))));
        Recover<ToyEvent>(_ => { });
    }

    public override string PersistenceId { get; }

    public static Props Props(string key) => Akka.Actor.Props.Create(() => new ToyEntity(key));

    /// <summary>The slicing key of a toy persistence id (null for any other).</summary>
    public static string? KeyOf(string persistenceId) =>
        persistenceId.StartsWith(Prefix, StringComparison.Ordinal) ? persistenceId[Prefix.Length..] : null;
}

/// <summary>Tags toy events by their key; slice count and prefix under <c>actororders.projections.toy</c>.</summary>
public sealed class ToyTagger(ExtendedActorSystem system) : SliceTagger(system, "actororders.projections.toy")
{
    protected override string? KeyOf(object evt) => (evt as ToyEvent)?.Key;
}

/// <summary>"key|n" in UTF-8: a stable, explicit format instead of Akka's default serializer.</summary>
public sealed class ToySerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    public override int Identifier => 7301;

    public override string Manifest(object o) => o is ToyEvent ? "toy-event" : throw new ArgumentException($"Not a toy event: {o.GetType()}");

    public override byte[] ToBinary(object obj) =>
        obj is ToyEvent e ? Encoding.UTF8.GetBytes($"{e.Key}|{e.N.ToString(CultureInfo.InvariantCulture)}") : throw new ArgumentException($"Not a toy event: {obj.GetType()}");

    public override object FromBinary(byte[] bytes, string manifest)
    {
        if (manifest != "toy-event") throw new System.Runtime.Serialization.SerializationException($"Unknown manifest {manifest}.");
        var text = Encoding.UTF8.GetString(bytes);
        var bar = text.LastIndexOf('|');
        return new ToyEvent(text[..bar], int.Parse(text[(bar + 1)..], CultureInfo.InvariantCulture));
    }
}
