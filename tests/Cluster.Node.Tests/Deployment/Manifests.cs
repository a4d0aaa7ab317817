using System.Collections;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace ActorOrders.Node.Tests.Deployment;

/// <summary>YAML documents as plain trees (maps, lists, strings) and the few lookups the manifest tests need.</summary>
public static partial class Manifests
{
    /// <summary>The repository's root (the folder with ActorOrders.sln), found from the test's output folder.</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    public static string PathOf(params string[] parts) => Path.Combine([RepositoryRoot, .. parts]);

    /// <summary>Runs a tool and returns its standard output; fails with its standard error if it exits non-zero.</summary>
    public static string Run(string tool, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var psi = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = RepositoryRoot };
        foreach (var arg in args) psi.ArgumentList.Add(arg);
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) psi.Environment[k] = v;
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(120_000)) throw new TimeoutException($"{tool} {string.Join(' ', args)} did not finish within 120 s");
        if (process.ExitCode != 0) throw new InvalidOperationException($"{tool} {string.Join(' ', args)} exited {process.ExitCode}: {stderr.Result}");
        return stdout.Result;
    }

    /// <summary>Every document of a YAML stream.</summary>
    public static List<Dictionary<string, object?>> Documents(string yaml)
    {
        var deserializer = new DeserializerBuilder().Build();
        var parser = new Parser(new StringReader(yaml));
        parser.Consume<StreamStart>();
        var documents = new List<Dictionary<string, object?>>();
        while (parser.Accept<DocumentStart>(out _))
        {
            if (deserializer.Deserialize(parser) is { } doc) documents.Add((Dictionary<string, object?>)Normalize(doc)!);
        }

        return documents;
    }

    /// <summary>A value at a path of keys (and list indexes); null when absent.</summary>
    public static object? At(this object? node, params object[] path)
    {
        foreach (var step in path)
        {
            node = (node, step) switch
            {
                (Dictionary<string, object?> map, string key) => map.GetValueOrDefault(key),
                (List<object?> list, int i) => i < list.Count ? list[i] : null,
                _ => null,
            };
        }

        return node;
    }

    public static string? Text(this object? node, params object[] path) => node.At(path) as string;

    public static int Int(this object? node, params object[] path) => int.Parse(node.Text(path) ?? throw new KeyNotFoundException(string.Join('.', path)), CultureInfo.InvariantCulture);

    public static List<object?> List(this object? node, params object[] path) => node.At(path) as List<object?> ?? [];

    public static Dictionary<string, object?> Map(this object? node, params object[] path) => node.At(path) as Dictionary<string, object?> ?? [];

    public static Dictionary<string, object?> Single(this List<Dictionary<string, object?>> docs, string kind, string name) =>
        docs.SingleOrDefault(d => d.Text("kind") == kind && d.Text("metadata", "name") == name) ?? throw new KeyNotFoundException($"no {kind} {name} in the manifests");

    /// <summary>
    /// A container's environment as the process sees it: $(NAME) references expanded (fieldRefs and secrets get
    /// made-up values, since only a cluster knows them); keys are the variable names.
    /// </summary>
    public static Dictionary<string, string> Environment(Dictionary<string, object?> container)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in container.List("env"))
        {
            var name = entry.Text("name")!;
            var value = entry.Text("value")
                ?? entry.Text("valueFrom", "fieldRef", "fieldPath") switch
                {
                    "metadata.name" => "actororders-node-0",
                    "metadata.namespace" => "actororders-test",
                    "status.podIP" => "10.1.2.3",
                    { } other => throw new InvalidOperationException($"no made-up value for fieldRef {other}"),
                    null => entry.Text("valueFrom", "secretKeyRef", "key") switch
                    {
                        "connection-string" => "Host=postgres;Port=5432;Username=actororders;Password=made-up;Database=actororders",
                        { } key => $"made-up-secret-value-of-{key}",
                        null => throw new InvalidOperationException($"env {name} has neither value nor a known valueFrom"),
                    },
                };
            values[name] = Reference().Replace(value, m => values.TryGetValue(m.Groups[1].Value, out var v) ? v : m.Value);
        }

        return values;
    }

    /// <summary>Names that other variables of the same container use as $(NAME).</summary>
    public static HashSet<string> Referenced(Dictionary<string, object?> container) =>
        container.List("env").Select(e => e.Text("value")).OfType<string>()
            .SelectMany(v => Reference().Matches(v).Select(m => m.Groups[1].Value)).ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// Does configuration key <paramref name="key"/> (ActorOrders__A__B or ActorOrders:A:B) name a setting of
    /// <paramref name="root"/>, the type the section binds to? Lists take an index, dictionaries any key.
    /// </summary>
    public static bool IsSetting(Type root, string key)
    {
        var parts = key.Replace("__", ":", StringComparison.Ordinal).Split(':');
        if (parts.Length < 2 || !parts[0].Equals("ActorOrders", StringComparison.OrdinalIgnoreCase)) return false;
        var type = root;
        foreach (var part in parts.Skip(1))
        {
            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>))
            {
                if (!int.TryParse(part, out _)) return false;
                type = type.GetGenericArguments()[0];
                continue;
            }

            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Dictionary<,>))
            {
                type = type.GetGenericArguments()[1];
                continue;
            }

            var property = type.GetProperties().FirstOrDefault(p => p.CanWrite && p.Name.Equals(part, StringComparison.OrdinalIgnoreCase));
            if (property is null) return false;
            type = property.PropertyType;
        }

        var leaf = Nullable.GetUnderlyingType(type) ?? type;
        return leaf.IsPrimitive || leaf.IsEnum || leaf == typeof(string) || leaf == typeof(TimeSpan) || leaf == typeof(decimal);
    }

    private static object? Normalize(object? node) => node switch
    {
        IDictionary<object, object?> map => map.ToDictionary(kv => Convert.ToString(kv.Key, CultureInfo.InvariantCulture)!, kv => Normalize(kv.Value), StringComparer.Ordinal),
        IList list => list.Cast<object?>().Select(Normalize).ToList(),
        _ => node is null ? null : Convert.ToString(node, CultureInfo.InvariantCulture),
    };

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ActorOrders.sln"))) return dir.FullName;
        }

        throw new DirectoryNotFoundException($"no ActorOrders.sln above {AppContext.BaseDirectory}");
    }

    [GeneratedRegex(@"\$\(([A-Za-z_][A-Za-z0-9_]*)\)")]
    private static partial Regex Reference();
}
