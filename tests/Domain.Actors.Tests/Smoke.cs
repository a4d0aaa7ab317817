namespace ActorOrders.Tests; public class SmokeDomainActors { [Fact] public void Builds() => true.ShouldBeTrue(); }
