namespace ActorOrders; internal static class PlaceholderStreamsKafka { }
