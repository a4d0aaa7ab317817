using System.Reflection;

namespace ActorOrders.Gateway.Tests;

/// <summary>The gateway is built from the contracts, the shared endpoints and the shared membership settings only: no order actors, no persistence.</summary>
public sealed class DependencyTests
{
    [Fact]
    public void Neither_the_gateway_nor_any_assembly_of_ours_it_loads_references_the_order_actors_or_akka_persistence()
    {
        var ours = new List<Assembly> { typeof(Program).Assembly };
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < ours.Count; i++)
        {
            foreach (var reference in ours[i].GetReferencedAssemblies())
            {
                reference.Name.ShouldNotStartWith("Akka.Persistence", customMessage: $"{ours[i].GetName().Name} references {reference.Name}");
                reference.Name.ShouldNotBe("ActorOrders.Domain.Actors", customMessage: $"{ours[i].GetName().Name} references the order actors");
                if (Ours(reference.Name!) && seen.Add(reference.Name!)) ours.Add(Assembly.Load(reference));
            }
        }

        seen.ShouldBe(["ActorOrders.Contracts", "Orders.Http", "ActorOrders.Membership"], ignoreOrder: true);
    }

    // Our assemblies are named ActorOrders.*, except Orders.Http (its project sets no assembly name).
    private static bool Ours(string name) => name.StartsWith("ActorOrders.", StringComparison.Ordinal) || name == "Orders.Http";

    [Fact]
    public void The_gateways_dependency_manifest_lists_no_project_of_ours_but_contracts_orders_http_and_membership()
    {
        var deps = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "ActorOrders.Gateway.deps.json"));
        using var doc = System.Text.Json.JsonDocument.Parse(deps);
        var projects = doc.RootElement.GetProperty("libraries").EnumerateObject()
            .Where(l => l.Value.GetProperty("type").GetString() == "project")
            .Select(l => l.Name.Split('/')[0])
            .ToList();
        projects.ShouldBe(["ActorOrders.Gateway", "ActorOrders.Contracts", "Orders.Http", "ActorOrders.Membership"], ignoreOrder: true);
    }
}
