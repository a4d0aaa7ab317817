using System.Text.Json;
using ActorOrders.Contracts;

namespace ActorOrders.Orders.Kafka.Ingest;

/// <summary>What a record of orders.commands turned out to be.</summary>
public abstract record ParsedCommand;

/// <summary>A valid command for one order.</summary>
public sealed record ValidCommand(IWithOrderId Command) : ParsedCommand;

/// <summary>A record that is not a valid command: it goes to the dead-letter topic with <see cref="Error"/>.</summary>
public sealed record InvalidCommand(string Error) : ParsedCommand;

/// <summary>
/// Reads orders.commands records: CloudEvents 1.0 structured-mode JSON, type
/// <c>actororders.order.PlaceOrder.v1</c> (data = the POST /orders body, <c>orderId</c> included) or
/// <c>actororders.order.CancelOrder.v1</c> (data <c>{orderId, reason}</c>); key and subject = the
/// order id. Strict: an unknown field, a missing one, a mismatch between key, subject and order id,
/// or anything <see cref="PlaceOrderValidator"/> refuses makes the record invalid, named in the error.
/// </summary>
public static class CommandParser
{
    /// <summary>The CloudEvents type of a placement.</summary>
    public const string PlaceOrderType = "actororders.order.PlaceOrder.v1";

    /// <summary>The CloudEvents type of a cancellation.</summary>
    public const string CancelOrderType = "actororders.order.CancelOrder.v1";

    private static readonly HashSet<string> EnvelopeFields = new(StringComparer.Ordinal)
        { "specversion", "id", "source", "type", "subject", "time", "datacontenttype", "dataschema", "data", "traceparent", "tracestate" };

    /// <summary>Parses one record.</summary>
    public static ParsedCommand Parse(string? key, byte[]? value)
    {
        if (value is null || value.Length == 0) return new InvalidCommand("the record has no value");
        try
        {
            using var document = JsonDocument.Parse(value, new JsonDocumentOptions { MaxDepth = 16 });
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return new InvalidCommand("the value is not a JSON object (a CloudEvent in structured mode)");
            if (Unknown(root, EnvelopeFields) is { } extra) return new InvalidCommand($"unknown CloudEvents attribute '{extra}'");
            if (Text(root, "specversion") != "1.0") return new InvalidCommand("specversion must be \"1.0\"");
            if (string.IsNullOrWhiteSpace(Text(root, "id"))) return new InvalidCommand("id is required");
            if (string.IsNullOrWhiteSpace(Text(root, "source"))) return new InvalidCommand("source is required");
            if (!root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object) return new InvalidCommand("data must be a JSON object");

            var parsed = Text(root, "type") switch
            {
                PlaceOrderType => Place(data),
                CancelOrderType => Cancel(data),
                var other => new InvalidCommand($"type '{other}' is not a command of orders.commands ({PlaceOrderType}, {CancelOrderType})"),
            };
            if (parsed is not ValidCommand { Command: var command }) return parsed;
            if (key != command.OrderId) return new InvalidCommand($"the record's key '{key}' is not the order id '{command.OrderId}'");
            var subject = Text(root, "subject");
            if (subject is not null && subject != command.OrderId) return new InvalidCommand($"subject '{subject}' is not the order id '{command.OrderId}'");
            // The CloudEvents distributed tracing extension: the order continues the producer's trace.
            return command is PlaceOrder place && Text(root, "traceparent") is { Length: > 0 } traceParent
                ? new ValidCommand(place with { TraceParent = traceParent })
                : parsed;
        }
        catch (JsonException e)
        {
            return new InvalidCommand($"not valid JSON: {e.Message}");
        }
        catch (InvalidOperationException e)
        {
            return new InvalidCommand($"a field has the wrong JSON type: {e.Message}");
        }
    }

    private static ParsedCommand Place(JsonElement data)
    {
        if (Unknown(data, ["orderId", "customerId", "currency", "lines", "shippingAddress"]) is { } extra) return new InvalidCommand($"data.{extra} is not a field of PlaceOrder");
        var lines = new List<OrderLine>();
        if (data.TryGetProperty("lines", out var rawLines) && rawLines.ValueKind == JsonValueKind.Array)
        {
            var i = 0;
            foreach (var line in rawLines.EnumerateArray())
            {
                if (line.ValueKind != JsonValueKind.Object) return new InvalidCommand($"data.lines[{i}] must be an object");
                if (Unknown(line, ["sku", "quantity", "unitPrice"]) is { } lineExtra) return new InvalidCommand($"data.lines[{i}].{lineExtra} is not a field of a line");
                if (!line.TryGetProperty("quantity", out var q) || q.ValueKind != JsonValueKind.Number) return new InvalidCommand($"data.lines[{i}].quantity is required (a number)");
                if (!line.TryGetProperty("unitPrice", out var p) || p.ValueKind != JsonValueKind.Number) return new InvalidCommand($"data.lines[{i}].unitPrice is required (a number)");
                // GetInt32/GetDecimal would throw FormatException (2.5, 1e30): the ingest stream would fail on it.
                if (!q.TryGetInt32(out var quantity)) return new InvalidCommand($"data.lines[{i}].quantity must be an integer written without a fraction, at most 10000");
                if (!p.TryGetDecimal(out var unitPrice)) return new InvalidCommand($"data.lines[{i}].unitPrice is too large");
                lines.Add(new OrderLine(Text(line, "sku")!, quantity, unitPrice));
                i++;
            }
        }

        ShippingAddress? address = null;
        if (data.TryGetProperty("shippingAddress", out var a) && a.ValueKind == JsonValueKind.Object)
        {
            if (Unknown(a, ["line1", "city", "postalCode", "country"]) is { } addressExtra) return new InvalidCommand($"data.shippingAddress.{addressExtra} is not a field of an address");
            address = new ShippingAddress(Text(a, "line1")!, Text(a, "city")!, Text(a, "postalCode")!, Text(a, "country")!);
        }

        var command = new PlaceOrder(Text(data, "orderId")!, Text(data, "customerId")!, Text(data, "currency")!, lines, address!);
        var errors = PlaceOrderValidator.Validate(command);
        return errors.Count == 0
            ? new ValidCommand(command)
            : new InvalidCommand(string.Join("; ", errors.Select(e => $"data.{e.Field} {e.Message}")));
    }

    private static ParsedCommand Cancel(JsonElement data)
    {
        if (Unknown(data, ["orderId", "reason"]) is { } extra) return new InvalidCommand($"data.{extra} is not a field of CancelOrder");
        var errors = new List<FieldError>();
        var orderId = Text(data, "orderId");
        PlaceOrderValidator.Id(errors, "orderId", orderId);
        var reason = Text(data, "reason");
        if (reason is { Length: > 500 }) errors.Add(new FieldError("reason", "must be at most 500 characters."));
        return errors.Count == 0
            ? new ValidCommand(new CancelOrder(orderId!, string.IsNullOrWhiteSpace(reason) ? "Cancelled on request." : reason))
            : new InvalidCommand(string.Join("; ", errors.Select(e => $"data.{e.Field} {e.Message}")));
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Null => null,
            _ => throw new InvalidOperationException($"'{name}' must be a string"),
        } : null;

    private static string? Unknown(JsonElement element, IEnumerable<string> known)
    {
        var set = known as HashSet<string> ?? new HashSet<string>(known, StringComparer.Ordinal);
        return element.EnumerateObject().Select(p => p.Name).FirstOrDefault(n => !set.Contains(n));
    }
}
