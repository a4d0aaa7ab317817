namespace ActorOrders.Cli.Interactive;

/// <summary>What Tab does to a line: the line completed as far as it is unambiguous, and the candidates when several remain.</summary>
public sealed record Completed(string Line, IReadOnlyList<string> Candidates);

/// <summary>Tab completion over the command words (<see cref="CommandTree.Commands"/>) and each command's options.</summary>
public static class Completion
{
    /// <summary>Words of the prompt itself.</summary>
    public static readonly IReadOnlyList<string> PromptWords = ["help", "exit", "quit"];

    public static Completed Complete(string line)
    {
        var endsWithSpace = line.Length == 0 || char.IsWhiteSpace(line[^1]);
        var words = Words.Split(line);
        var partial = endsWithSpace || words.Count == 0 ? "" : words[^1];
        var before = endsWithSpace ? words : words.Take(words.Count - 1).ToList();
        // A leading address is not part of the command.
        if (before.Count > 0 && Infrastructure.Target.TryParse(before[0], out _)) before = [.. before.Skip(1)];

        var candidates = Candidates(before).Where(c => c.StartsWith(partial, StringComparison.Ordinal)).Distinct().Order(StringComparer.Ordinal).ToList();
        if (candidates.Count == 0) return new Completed(line, []);
        var head = line[..(line.Length - partial.Length)];
        if (candidates.Count == 1) return new Completed(head + candidates[0] + " ", []);
        return new Completed(head + CommonPrefix(candidates), candidates);
    }

    private static IEnumerable<string> Candidates(IReadOnlyList<string> before)
    {
        var paths = CommandTree.Commands.Keys.Select(k => k.Split(' ')).ToList();
        if (before.Count == 0) return paths.Select(p => p[0]).Concat(PromptWords);

        if (before.Count == 1 && paths.Any(p => p.Length == 2 && p[0] == before[0]))
            return paths.Where(p => p.Length == 2 && p[0] == before[0]).Select(p => p[1]);

        // After a command: its options (the words after it may be values, which are not completed).
        foreach (var length in new[] { 2, 1 })
        {
            if (before.Count < length) continue;
            var command = string.Join(' ', before.Take(length));
            if (CommandTree.Commands.TryGetValue(command, out var options)) return options.Concat(CommandTree.CommonOptions);
        }

        return [];
    }

    private static string CommonPrefix(IReadOnlyList<string> words)
    {
        var prefix = words[0];
        foreach (var w in words.Skip(1))
        {
            var n = 0;
            while (n < prefix.Length && n < w.Length && prefix[n] == w[n]) n++;
            prefix = prefix[..n];
        }

        return prefix;
    }
}
