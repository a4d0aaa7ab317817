using System.Collections;
using System.Reflection;

namespace ActorOrders.Testing.Serialization;

/// <summary>
/// Field-by-field comparison of records. Record equality is not enough here: list fields
/// compare by reference, DateTimeOffset equality ignores the offset and decimal equality
/// ignores the scale, and each of those is something a serializer can lose.
/// </summary>
public static class Structural
{
    /// <summary>Every difference between the two values, as "path: expected … but was …".</summary>
    public static IReadOnlyList<string> Differences(object? expected, object? actual)
    {
        var differences = new List<string>();
        Compare(expected, actual, expected?.GetType().Name ?? "value", differences);
        return differences;
    }

    /// <summary>The paths of every field holding its type's default (null, "", 0, false, empty, first enum member).</summary>
    public static IReadOnlyList<string> DefaultFields(object value)
    {
        var found = new List<string>();
        FindDefaults(value, value.GetType().Name, found);
        return found;
    }

    private static void Compare(object? expected, object? actual, string path, List<string> differences)
    {
        if (expected is null || actual is null)
        {
            if (expected is not null || actual is not null) differences.Add($"{path}: expected {Show(expected)} but was {Show(actual)}");
            return;
        }

        switch (expected)
        {
            case decimal d:
                if (actual is not decimal a || !decimal.GetBits(d).SequenceEqual(decimal.GetBits(a)))
                    differences.Add($"{path}: expected {d} but was {Show(actual)} (value and scale must match)");
                return;
            case DateTimeOffset t:
                if (actual is not DateTimeOffset u || !t.EqualsExact(u))
                    differences.Add($"{path}: expected {t:O} but was {Show(actual)} (instant and offset must match)");
                return;
            case string or Enum or bool or int or long or double:
                if (!expected.Equals(actual)) differences.Add($"{path}: expected {Show(expected)} but was {Show(actual)}");
                return;
            case IEnumerable expectedItems:
                if (actual is not IEnumerable actualItems)
                {
                    differences.Add($"{path}: expected a sequence but was {Show(actual)}");
                    return;
                }

                var e = expectedItems.Cast<object?>().ToList();
                var a2 = actualItems.Cast<object?>().ToList();
                if (e.Count != a2.Count) differences.Add($"{path}: expected {e.Count} items but was {a2.Count}");
                for (var i = 0; i < Math.Min(e.Count, a2.Count); i++) Compare(e[i], a2[i], $"{path}[{i}]", differences);
                return;
        }

        if (expected.GetType() != actual.GetType())
        {
            differences.Add($"{path}: expected a {expected.GetType().Name} but was a {actual.GetType().Name}");
            return;
        }

        foreach (var property in Properties(expected.GetType()))
            Compare(property.GetValue(expected), property.GetValue(actual), $"{path}.{property.Name}", differences);
    }

    private static void FindDefaults(object? value, string path, List<string> found)
    {
        switch (value)
        {
            case null:
            case string { Length: 0 }:
            case 0 or 0L or 0m or 0d or false:
            case DateTimeOffset t when t == default:
            case Enum when Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture) == 0:
                found.Add(path);
                return;
            case string or Enum or bool or int or long or double or decimal or DateTimeOffset:
                return;
            case IEnumerable items:
                var list = items.Cast<object?>().ToList();
                if (list.Count == 0) found.Add($"{path} (empty)");
                for (var i = 0; i < list.Count; i++) FindDefaults(list[i], $"{path}[{i}]", found);
                return;
        }

        foreach (var property in Properties(value.GetType()))
            FindDefaults(property.GetValue(value), $"{path}.{property.Name}", found);
    }

    // The data of a record: public instance properties that can be set (init), which leaves out
    // computed members such as OrderLine.Amount and OrderState.IsTerminal.
    private static IEnumerable<PropertyInfo> Properties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 && p.SetMethod is not null);

    private static string Show(object? value) => value switch
    {
        null => "null",
        string s => $"\"{s}\"",
        _ => value.ToString() ?? value.GetType().Name,
    };
}
