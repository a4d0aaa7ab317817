using System.Text;
using Akka.Actor;
using Akka.Serialization;
using ActorOrders.Contracts.Serialization;
using ActorOrders.Testing.Serialization;

namespace ActorOrders.Contracts.Tests.Serialization;

/// <summary>
/// The contracts' serializer against the shared serializer suite. Contract messages cross the
/// network between processes that may run different versions, so every one has a fixture.
/// </summary>
public sealed class ContractsSerializerSpecs : SerializerSuite, IClassFixture<ContractsSerializerSpecs.SystemFixture>
{
    private readonly SystemFixture _fixture;

    public ContractsSerializerSpecs(SystemFixture fixture) => _fixture = fixture;

    protected override ActorSystem System => _fixture.System;
    protected override SerializerWithStringManifest Serializer => _fixture.Serializer;
    protected override IReadOnlyList<Type> CoveredTypes => ContractSamples.CoveredTypes;
    protected override IEnumerable<Type> TableTypes => ContractsManifests.Table.Entries.Select(e => e.Type);
    protected override IReadOnlyDictionary<Type, object> Samples => ContractSamples.ByType;
    protected override IReadOnlyList<Type> FixtureTypes => ContractSamples.CoveredTypes;
    protected override IReadOnlyDictionary<string, object> RetiredManifests => ContractSamples.RetiredManifests;
    protected override string ProjectFileName => "Contracts.Tests.csproj";

    [Fact]
    public void A_computed_line_amount_is_not_written()
    {
        var json = Encoding.UTF8.GetString(Serializer.ToBinary(ContractSamples.ByType[typeof(PlaceOrder)]));

        json.ShouldContain("\"sku\":\"SKU-1\"");
        json.ShouldNotContain("amount");
    }

    [Fact]
    public void A_command_missing_a_field_is_refused_rather_than_read_with_a_null()
    {
        Should.Throw<System.Runtime.Serialization.SerializationException>(() => Serializer.FromBinary("""{"orderId":"o-1"}"""u8.ToArray(), "CancelOrder.v1"))
            .Message.ShouldContain("reason");
    }

    /// <summary>One actor system with the contracts' serializer registered, as a gateway has it.</summary>
    public sealed class SystemFixture : IDisposable
    {
        public SystemFixture()
        {
            System = ActorSystem.Create("contracts-serialization-specs", ContractsSerialization.Config);
            Serializer = new ContractsJsonSerializer((ExtendedActorSystem)System);
        }

        public ActorSystem System { get; }

        public ContractsJsonSerializer Serializer { get; }

        public void Dispose() => System.Terminate().Wait(TimeSpan.FromSeconds(30));
    }
}
