namespace ActorOrders.Cli.Interactive;

/// <summary>The prompt's history: the lines entered, oldest first, kept in a file across sessions (the last <see cref="Capacity"/>).</summary>
public sealed class History(string? file)
{
    /// <summary>Lines kept.</summary>
    public const int Capacity = 500;

    private readonly List<string> _lines = Load(file);

    /// <summary>The file in the user's home folder.</summary>
    public static string DefaultFile => Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".actororders_history");

    public IReadOnlyList<string> Lines => _lines;

    /// <summary>Adds a line (not a repeat of the last one) and saves it; a history that cannot be written is kept in memory only.</summary>
    public void Add(string line)
    {
        if (_lines.Count > 0 && _lines[^1] == line) return;
        _lines.Add(line);
        if (_lines.Count > Capacity) _lines.RemoveRange(0, _lines.Count - Capacity);
        if (file is null) return;
        try
        {
            File.WriteAllLines(file, _lines);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // the prompt works without it
        }
    }

    private static List<string> Load(string? file)
    {
        try
        {
            return file is not null && File.Exists(file) ? [.. File.ReadAllLines(file).Where(l => l.Length > 0).TakeLast(Capacity)] : [];
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
