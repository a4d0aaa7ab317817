using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence.Journal;
using ActorOrders.Projections.Tests.Support;

namespace ActorOrders.Projections.Tests;

public class SliceTaggerSpec : Akka.TestKit.Xunit2.TestKit
{
    public SliceTaggerSpec() : base("actororders.projections.toy { slice-count = 4, tag-prefix = \"toy-slice\" }") { }

    private ExtendedActorSystem Extended => (ExtendedActorSystem)Sys;

    [Fact]
    public void Tags_an_event_with_the_slice_of_its_key()
    {
        var tagger = new ToyTagger(Extended);
        var tagged = tagger.ToJournal(new ToyEvent("order-42", 1)).ShouldBeOfType<Tagged>();
        tagged.Payload.ShouldBe(new ToyEvent("order-42", 1));
        tagged.Tags.ShouldBe(["toy-slice-" + Slices.Of("order-42", 4)]);
        tagger.Manifest(new ToyEvent("x", 1)).ShouldBe("");
    }

    [Fact]
    public void Events_of_one_slice_share_one_tag_set()
    {
        var tagger = new ToyTagger(Extended);
        var keys = Keys.Make(50).Where(k => Slices.Of(k, 4) == 2).Take(2).ToArray();
        var first = (Tagged)tagger.ToJournal(new ToyEvent(keys[0], 1));
        var second = (Tagged)tagger.ToJournal(new ToyEvent(keys[1], 1));
        ReferenceEquals(first.Tags, second.Tags).ShouldBeTrue("the tag sets are built once per slice, not per event");
    }

    [Fact]
    public void Tagging_allocates_only_the_tagged_box()
    {
        var tagger = new ToyTagger(Extended);
        var events = Keys.Make(100).Select(k => new ToyEvent(k, 1)).ToArray();
        foreach (var e in events) tagger.ToJournal(e);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var round = 0; round < 10; round++)
            foreach (var e in events) tagger.ToJournal(e);
        var perEvent = (GC.GetAllocatedBytesForCurrentThread() - before) / 1000.0;
        perEvent.ShouldBeLessThanOrEqualTo(48, "one boxed Tagged per event; no strings, arrays or sets");
    }

    [Fact]
    public void An_event_without_a_key_passes_untagged()
    {
        var evt = new object();
        new ToyTagger(Extended).ToJournal(evt).ShouldBeSameAs(evt);
    }

    [Fact]
    public void Missing_or_invalid_settings_fail_loudly()
    {
        using var empty = ActorSystem.Create("empty", ConfigurationFactory.Empty);
        Should.Throw<InvalidOperationException>(() => new ToyTagger((ExtendedActorSystem)empty))
            .Message.ShouldContain("actororders.projections.toy.slice-count");

        using var zero = ActorSystem.Create("zero", "actororders.projections.toy { slice-count = 0, tag-prefix = p }");
        Should.Throw<InvalidOperationException>(() => new ToyTagger((ExtendedActorSystem)zero)).Message.ShouldContain("at least 1");

        using var noPrefix = ActorSystem.Create("noprefix", "actororders.projections.toy { slice-count = 2 }");
        Should.Throw<InvalidOperationException>(() => new ToyTagger((ExtendedActorSystem)noPrefix)).Message.ShouldContain("tag-prefix");
    }

    [Fact]
    public void Binding_hocon_registers_the_adapter_on_the_journal_plugin()
    {
        var config = ConfigurationFactory.ParseString(SliceTagger.BindingHocon<ToyTagger, ToyEvent>());
        config.GetString("akka.persistence.journal.sql.event-adapters.slice-tagger")
            .ShouldBe($"{typeof(ToyTagger).FullName}, {typeof(ToyTagger).Assembly.GetName().Name}");
        config.GetConfig("akka.persistence.journal.sql.event-adapter-bindings").AsEnumerable().Single().Value.GetString().ShouldBe("slice-tagger");
        Should.Throw<ArgumentException>(() => SliceTagger.BindingHocon(typeof(string), [typeof(ToyEvent)]));
    }
}
