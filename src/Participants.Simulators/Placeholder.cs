namespace ActorOrders; internal static class PlaceholderParticipantsSimulators { }
