using System.Text.Json;

namespace ActorOrders.LoadGen;

/// <summary>What a GET /orders/{id} answer said: still running, or one of the four terminal statuses.</summary>
public enum Terminal { None, Completed, Rejected, Cancelled, AttentionRequired }

public static class TerminalStatus
{
    public static Terminal Expected(OrderKind kind) => kind switch
    {
        OrderKind.Happy => Terminal.Completed,
        OrderKind.Declined or OrderKind.NoReply or OrderKind.LostReply => Terminal.Rejected,
        _ => Terminal.Cancelled,
    };

    /// <summary>
    /// Reads the top-level "status" of an order view straight from the response bytes: no DOM
    /// and no strings, so polling allocates nothing per answer.
    /// </summary>
    public static Terminal Read(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType != JsonTokenType.PropertyName || reader.CurrentDepth != 1) continue;
                if (!reader.ValueTextEquals("status"u8)) { reader.Skip(); continue; }
                reader.Read();
                if (reader.TokenType != JsonTokenType.String) return Terminal.None;
                if (reader.ValueTextEquals("Completed"u8)) return Terminal.Completed;
                if (reader.ValueTextEquals("Rejected"u8)) return Terminal.Rejected;
                if (reader.ValueTextEquals("Cancelled"u8)) return Terminal.Cancelled;
                if (reader.ValueTextEquals("AttentionRequired"u8)) return Terminal.AttentionRequired;
                return Terminal.None;
            }
        }
        catch (JsonException)
        {
            // A truncated or non-JSON body is not a terminal answer; the caller polls again.
        }

        return Terminal.None;
    }
}
