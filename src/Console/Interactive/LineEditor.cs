using System.Text;

namespace ActorOrders.Cli.Interactive;

/// <summary>
/// Reads a line from a terminal key by key: editing (←, →, Home, End, Backspace, Delete), history
/// (↑, ↓) and Tab completion. Keys come from <paramref name="readKey"/> so the editor runs without a terminal in tests.
/// </summary>
public sealed class LineEditor(Func<ConsoleKeyInfo> readKey, TextWriter output, History history)
{
    /// <summary>The line, or null on Ctrl+D at an empty line (end of input).</summary>
    public string? ReadLine(string prompt)
    {
        var line = new StringBuilder();
        var cursor = 0;
        var recalled = history.Lines.Count;
        output.Write(prompt);
        while (true)
        {
            var key = readKey();
            switch (key.Key)
            {
                case ConsoleKey.Enter:
                    output.WriteLine();
                    return line.ToString();
                case ConsoleKey.D when key.Modifiers.HasFlag(ConsoleModifiers.Control):
                    if (line.Length > 0) continue;
                    output.WriteLine();
                    return null;
                case ConsoleKey.Backspace when cursor > 0:
                    line.Remove(--cursor, 1);
                    break;
                case ConsoleKey.Delete when cursor < line.Length:
                    line.Remove(cursor, 1);
                    break;
                case ConsoleKey.LeftArrow when cursor > 0:
                    cursor--;
                    break;
                case ConsoleKey.RightArrow when cursor < line.Length:
                    cursor++;
                    break;
                case ConsoleKey.Home:
                    cursor = 0;
                    break;
                case ConsoleKey.End:
                    cursor = line.Length;
                    break;
                case ConsoleKey.UpArrow when recalled > 0:
                    Replace(line, history.Lines[--recalled], ref cursor);
                    break;
                case ConsoleKey.DownArrow when recalled < history.Lines.Count:
                    Replace(line, ++recalled < history.Lines.Count ? history.Lines[recalled] : "", ref cursor);
                    break;
                case ConsoleKey.Tab:
                    var completed = Completion.Complete(line.ToString(0, cursor));
                    if (completed.Candidates.Count > 0)
                    {
                        output.WriteLine();
                        output.WriteLine(string.Join("  ", completed.Candidates));
                    }

                    Replace(line, completed.Line + line.ToString(cursor, line.Length - cursor), ref cursor);
                    cursor = completed.Line.Length;
                    break;
                default:
                    if (key.KeyChar >= ' ' && !char.IsControl(key.KeyChar)) line.Insert(cursor++, key.KeyChar);
                    break;
            }

            Redraw(prompt, line, cursor);
        }
    }

    private static void Replace(StringBuilder line, string text, ref int cursor)
    {
        line.Clear().Append(text);
        cursor = line.Length;
    }

    // Carriage return, the prompt and the line, erase the rest, then back to the cursor (ANSI).
    private void Redraw(string prompt, StringBuilder line, int cursor)
    {
        output.Write($"\r{prompt}{line}\u001b[K");
        var back = line.Length - cursor;
        if (back > 0) output.Write($"\u001b[{back}D");
        output.Flush();
    }
}
