namespace ActorOrders.Tests; public class SmokeClusterNode { [Fact] public void Builds() => true.ShouldBeTrue(); }
