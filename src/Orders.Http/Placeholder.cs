namespace ActorOrders; internal static class PlaceholderOrdersHttp { }
