namespace ActorOrders.Tests; public class SmokeStreamsKafka { [Fact] public void Builds() => true.ShouldBeTrue(); }
