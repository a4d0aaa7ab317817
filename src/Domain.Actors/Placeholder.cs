namespace ActorOrders; internal static class PlaceholderDomainActors { }
