using ActorOrders.Cli.Infrastructure;
using ActorOrders.Cli.Interactive;

namespace ActorOrders.Cli.Tests;

/// <summary>The console's pure parts: the leading address, the prompt's words, completion, history and line editing.</summary>
public sealed class PromptSpecs
{
    [Theory]
    [InlineData("127.0.0.1:9111", "http://127.0.0.1:9111/")]
    [InlineData("node-2.local:9110", "http://node-2.local:9110/")]
    [InlineData("[::1]:9110", "http://[::1]:9110/")]
    [InlineData("http://10.1.2.3:9110", "http://10.1.2.3:9110/")]
    public void A_leading_address_is_taken_off_the_command(string first, string expected)
    {
        var (address, command) = Target.Split([first, "cluster", "show"]);

        address.ShouldBe(new Uri(expected));
        command.ShouldBe(["cluster", "show"]);
    }

    [Theory]
    [InlineData("cluster")]
    [InlineData("--json")]
    [InlineData("localhost")]
    [InlineData("host:99999")]
    public void Anything_else_first_is_the_command(string first) =>
        Target.Split([first, "show"]).Address.ShouldBeNull();

    [Fact]
    public void Words_split_on_spaces_and_quotes_group() =>
        Words.Split("orders compensate o-1 --reason \"customer called\"  ").ShouldBe(["orders", "compensate", "o-1", "--reason", "customer called"]);

    [Theory]
    [InlineData("clu", "cluster", new[] { "cluster", "cluster-sharding" })]
    [InlineData("cluster-s", "cluster-sharding ", new string[0])]
    [InlineData("cluster sh", "cluster show ", new string[0])]
    [InlineData("cluster-sharding region-stats -", "cluster-sharding region-stats -", new[] { "--json", "--token", "-r" })]
    [InlineData("orders retry --d", "orders retry --dry-run ", new string[0])]
    [InlineData("127.0.0.1:9111 proj", "127.0.0.1:9111 projections ", new string[0])]
    public void Tab_completes_commands_and_their_options(string line, string completed, string[] candidates)
    {
        var result = Completion.Complete(line);

        result.Line.ShouldBe(completed);
        result.Candidates.ShouldBe(candidates);
    }

    [Fact]
    public void The_line_editor_recalls_history_with_up_and_completes_with_tab()
    {
        var history = new History(file: null);
        history.Add("cluster show");
        var keys = new Queue<ConsoleKeyInfo>([Key(ConsoleKey.UpArrow), Key(ConsoleKey.Enter), .. Type("orders li"), Key(ConsoleKey.Tab), .. Type("--st"), Key(ConsoleKey.Tab), Key(ConsoleKey.Enter)]);
        var editor = new LineEditor(keys.Dequeue, TextWriter.Null, history);

        editor.ReadLine("> ").ShouldBe("cluster show");
        editor.ReadLine("> ").ShouldBe("orders list --status ");
    }

    [Fact]
    public void History_keeps_lines_across_sessions_without_repeats()
    {
        var file = Path.GetTempFileName();
        try
        {
            var first = new History(file);
            first.Add("cluster show");
            first.Add("cluster show");
            first.Add("projections");

            new History(file).Lines.ShouldBe(["cluster show", "projections"]);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static ConsoleKeyInfo Key(ConsoleKey key) => new('\0', key, false, false, false);

    private static IEnumerable<ConsoleKeyInfo> Type(string text) => text.Select(c => new ConsoleKeyInfo(c, ConsoleKey.A, false, false, false));
}
