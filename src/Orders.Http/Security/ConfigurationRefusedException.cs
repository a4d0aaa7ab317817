namespace ActorOrders.Http.Security;

/// <summary>The configuration is refused at start-up; the message names every setting to change.</summary>
public sealed class ConfigurationRefusedException(string message, Exception? inner = null) : Exception(message, inner);
