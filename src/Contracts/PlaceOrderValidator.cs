using System.Collections.Frozen;

namespace ActorOrders.Contracts;

/// <summary>A problem with one field of a command, named as the JSON path a client sent.</summary>
public sealed record FieldError(string Field, string Message);

/// <summary>
/// Validation of an incoming PlaceOrder, shared by every entry point (HTTP, Kafka), so an
/// invalid order never reaches an entity and nothing is stored for it.
/// </summary>
public static class PlaceOrderValidator
{
    /// <summary>Longest accepted order id; ids are entity ids and persistence ids.</summary>
    public const int MaxIdLength = 64;

    /// <summary>Most lines in one order; keeps every message well under the remoting frame size.</summary>
    public const int MaxLines = 100;

    /// <summary>Active ISO 4217 codes.</summary>
    public static readonly FrozenSet<string> Currencies = new[]
    {
        "AED", "AFN", "ALL", "AMD", "ANG", "AOA", "ARS", "AUD", "AWG", "AZN", "BAM", "BBD", "BDT", "BGN", "BHD", "BIF",
        "BMD", "BND", "BOB", "BRL", "BSD", "BTN", "BWP", "BYN", "BZD", "CAD", "CDF", "CHF", "CLP", "CNY", "COP", "CRC",
        "CUP", "CVE", "CZK", "DJF", "DKK", "DOP", "DZD", "EGP", "ERN", "ETB", "EUR", "FJD", "FKP", "GBP", "GEL", "GHS",
        "GIP", "GMD", "GNF", "GTQ", "GYD", "HKD", "HNL", "HTG", "HUF", "IDR", "ILS", "INR", "IQD", "IRR", "ISK", "JMD",
        "JOD", "JPY", "KES", "KGS", "KHR", "KMF", "KPW", "KRW", "KWD", "KYD", "KZT", "LAK", "LBP", "LKR", "LRD", "LSL",
        "LYD", "MAD", "MDL", "MGA", "MKD", "MMK", "MNT", "MOP", "MRU", "MUR", "MVR", "MWK", "MXN", "MYR", "MZN", "NAD",
        "NGN", "NIO", "NOK", "NPR", "NZD", "OMR", "PAB", "PEN", "PGK", "PHP", "PKR", "PLN", "PYG", "QAR", "RON", "RSD",
        "RUB", "RWF", "SAR", "SBD", "SCR", "SDG", "SEK", "SGD", "SHP", "SLE", "SOS", "SRD", "SSP", "STN", "SVC", "SYP",
        "SZL", "THB", "TJS", "TMT", "TND", "TOP", "TRY", "TTD", "TWD", "TZS", "UAH", "UGX", "USD", "UYU", "UZS", "VES",
        "VND", "VUV", "WST", "XAF", "XCD", "XOF", "XPF", "YER", "ZAR", "ZMW", "ZWG",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Every problem with the command; empty when it is valid.</summary>
    public static IReadOnlyList<FieldError> Validate(PlaceOrder? cmd)
    {
        var errors = new List<FieldError>();
        if (cmd is null)
        {
            errors.Add(new FieldError("$", "A JSON object is required."));
            return errors;
        }

        Id(errors, "orderId", cmd.OrderId);
        Text(errors, "customerId", cmd.CustomerId, 128);
        if (string.IsNullOrWhiteSpace(cmd.Currency)) errors.Add(new("currency", "is required."));
        else if (!Currencies.Contains(cmd.Currency)) errors.Add(new("currency", $"'{cmd.Currency}' is not a known ISO 4217 currency code (upper case, e.g. USD)."));

        if (cmd.Lines is null || cmd.Lines.Count == 0) errors.Add(new("lines", "must contain at least one line."));
        else if (cmd.Lines.Count > MaxLines) errors.Add(new("lines", $"must contain at most {MaxLines} lines."));
        else
        {
            for (var i = 0; i < cmd.Lines.Count; i++)
            {
                var line = cmd.Lines[i];
                if (line is null) { errors.Add(new($"lines[{i}]", "must be an object.")); continue; }
                Text(errors, $"lines[{i}].sku", line.Sku, 64);
                if (line.Quantity <= 0) errors.Add(new($"lines[{i}].quantity", "must be greater than 0."));
                else if (line.Quantity > 10_000) errors.Add(new($"lines[{i}].quantity", "must be at most 10000."));
                if (line.UnitPrice < 0) errors.Add(new($"lines[{i}].unitPrice", "must not be negative."));
                else if (line.UnitPrice > 1_000_000_000m) errors.Add(new($"lines[{i}].unitPrice", "is too large."));
            }
        }

        var a = cmd.ShippingAddress;
        if (a is null) errors.Add(new("shippingAddress", "is required."));
        else
        {
            Text(errors, "shippingAddress.line1", a.Line1, 200);
            Text(errors, "shippingAddress.city", a.City, 100);
            Text(errors, "shippingAddress.postalCode", a.PostalCode, 20);
            if (string.IsNullOrWhiteSpace(a.Country)) errors.Add(new("shippingAddress.country", "is required."));
            else if (a.Country.Length != 2 || !a.Country.All(char.IsAsciiLetterUpper))
                errors.Add(new("shippingAddress.country", "must be an ISO 3166-1 alpha-2 code (two upper-case letters)."));
        }

        return errors;
    }

    /// <summary>Checks an order id: required, at most <see cref="MaxIdLength"/> characters of [A-Za-z0-9._-].</summary>
    public static void Id(List<FieldError> errors, string field, string? id)
    {
        if (string.IsNullOrWhiteSpace(id)) errors.Add(new(field, "is required."));
        else if (id.Length > MaxIdLength) errors.Add(new(field, $"must be at most {MaxIdLength} characters."));
        else if (!id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            errors.Add(new(field, "may contain only letters, digits, '-', '_' and '.'."));
    }

    private static void Text(List<FieldError> errors, string field, string? value, int max)
    {
        if (string.IsNullOrWhiteSpace(value)) errors.Add(new(field, "is required."));
        else if (value.Length > max) errors.Add(new(field, $"must be at most {max} characters."));
    }
}
