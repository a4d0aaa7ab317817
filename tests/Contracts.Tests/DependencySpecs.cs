namespace ActorOrders.Contracts.Tests;

/// <summary>The contracts stay small: a gateway or a console that references them gets no actors and no persistence.</summary>
public sealed class DependencySpecs
{
    [Fact]
    public void The_contracts_assembly_references_neither_the_order_actors_nor_akka_persistence()
    {
        var references = typeof(IOrderContract).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        references.ShouldNotContain(n => n.StartsWith("ActorOrders.", StringComparison.Ordinal) || n.StartsWith("Domain", StringComparison.Ordinal));
        references.ShouldNotContain(n => n.StartsWith("Akka.Persistence", StringComparison.Ordinal));
    }

    [Fact]
    public void No_contract_message_is_also_a_domain_message()
    {
        // Two serialization markers on one type would make Akka's choice of serializer ambiguous.
        var contracts = typeof(IOrderContract).Assembly.GetTypes().Where(t => typeof(IOrderContract).IsAssignableFrom(t) && t.IsClass);
        contracts.ShouldAllBe(t => t.GetInterfaces()
            .Where(i => i.Namespace != null && i.Namespace.StartsWith("ActorOrders", StringComparison.Ordinal))
            .All(i => i.Assembly == typeof(IOrderContract).Assembly));
    }
}
