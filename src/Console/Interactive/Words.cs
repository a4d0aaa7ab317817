using System.Text;

namespace ActorOrders.Cli.Interactive;

/// <summary>Splits a prompt line into arguments the way a shell would for simple cases: spaces separate, quotes group.</summary>
public static class Words
{
    public static IReadOnlyList<string> Split(string line)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        var inWord = false;
        char? quote = null;
        foreach (var ch in line)
        {
            if (quote is { } q)
            {
                if (ch == q) quote = null;
                else current.Append(ch);
            }
            else if (ch is '"' or '\'')
            {
                quote = ch;
                inWord = true;
            }
            else if (char.IsWhiteSpace(ch))
            {
                if (inWord) words.Add(current.ToString());
                current.Clear();
                inWord = false;
            }
            else
            {
                current.Append(ch);
                inWord = true;
            }
        }

        if (inWord) words.Add(current.ToString());
        return words;
    }
}
