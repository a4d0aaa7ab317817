using Akka.TestKit.Xunit2;

namespace ActorOrders.Participants.Tests;

/// <summary>The paths the participants host registers and Remote-mode nodes send to are where Start puts the simulators.</summary>
public sealed class PathSpecs : TestKit
{
    [Theory]
    [InlineData(Simulators.DefaultNamePrefix)]
    [InlineData("sim")]
    public void The_paths_under_a_system_are_those_of_the_started_simulators(string prefix)
    {
        var started = Simulators.Start(Sys, SimulatorSettings.Instant, prefix);

        var paths = Simulators.PathsUnderSystem(prefix);

        paths.Payment.ShouldBe(started.Refs.Payment.Path.ToStringWithoutAddress());
        paths.Inventory.ShouldBe(started.Refs.Inventory.Path.ToStringWithoutAddress());
        paths.Shipping.ShouldBe(started.Refs.Shipping.Path.ToStringWithoutAddress());
    }

    [Fact]
    public void The_default_paths_are_the_documented_ones() =>
        Simulators.PathsUnderSystem().ShouldBe(new ParticipantPaths("/user/participants-payment", "/user/participants-inventory", "/user/participants-shipping"));
}
