using ActorOrders.Cli.Tests.Support;
using Xunit.Abstractions;

namespace ActorOrders.Cli.Tests;

/// <summary>Reaching a node: unreachable, usage errors, the token, port 0, a listener off loopback without a token.</summary>
public sealed class AccessTests(ITestOutputHelper output)
{
    private const string Token = "s3cret-token-for-tests-0123456789";

    [Fact]
    public async Task An_unreachable_node_gives_exit_code_3_and_one_line()
    {
        var port = ChildProcess.FreePort();

        var run = await ConsoleRun.RunAsync($"127.0.0.1:{port}", "cluster", "show");

        run.ExitCode.ShouldBe(3, run.ToString());
        run.Out.ShouldBeEmpty();
        run.Err.Trim().ShouldBe($"Cannot reach the admin API at 127.0.0.1:{port}: Connection refused.");
    }

    [Theory]
    [InlineData("cluster down")]
    [InlineData("cluster-sharding region-stats")]
    [InlineData("orders retry")]
    [InlineData("orders retry o-1 --status AttentionRequired")]
    [InlineData("orders list --older-than soon")]
    [InlineData("no-such-command")]
    public async Task A_wrong_command_line_is_exit_code_2_before_anything_is_sent(string command)
    {
        // A port nothing listens on: a usage error must come first, or this would be exit code 3.
        var run = await ConsoleRun.RunAsync([$"127.0.0.1:{ChildProcess.FreePort()}", .. command.Split(' ')]);

        run.ExitCode.ShouldBe(2, run.ToString());
    }

    [Fact]
    public async Task A_node_with_a_token_refuses_the_console_without_it_and_records_the_tokens_identity()
    {
        var folder = Directory.CreateTempSubdirectory("actororders-console-token-");
        var node = NodeProcess.Start("token-node", folder.FullName, $"Data Source={Path.Combine(folder.FullName, "journal.db")}",
            ChildProcess.FreePort(), [], adminPort: null, new Dictionary<string, string?>
            {
                ["ActorOrders:Admin:Token"] = Token,
                ["ActorOrders:Admin:TokenIdentity"] = "ops-token",
            });
        try
        {
            await node.WaitReadyAsync(TimeSpan.FromSeconds(45));
            // Port 0: the node took a free port and logged it.
            var admin = await node.AdminAddressAsync(TimeSpan.FromSeconds(10));

            var without = await ConsoleRun.RunAsync(admin, "cluster", "show");
            without.ExitCode.ShouldBe(4, without.ToString());
            without.Err.Trim().ShouldBe("This node's admin API requires its token (ActorOrders:Admin:Token): pass --token or set ACTORORDERS_ADMIN_TOKEN.");

            (await ConsoleRun.RunAsync(admin, "cluster", "show", "--token", "wrong-token-of-the-same-length!!")).ExitCode.ShouldBe(4);
            (await ConsoleRun.RunAsync([admin, "cluster", "show"], token: Token)).ExitCode.ShouldBe(0);

            var join = await ConsoleRun.RunAsync(admin, "cluster", "join", "-a", NodeProcess.Seed(node.AkkaPort), "--token", Token);
            join.ExitCode.ShouldBe(0, join.ToString());
            join.Out.ShouldContain("(recorded as ops-token)");
        }
        catch
        {
            node.WriteOutputTo(output);
            throw;
        }
        finally
        {
            await node.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { folder.Delete(recursive: true); }
            catch (IOException) { /* the OS temp cleaner gets it */ }
        }
    }

    [Fact]
    public async Task A_node_whose_admin_listener_is_off_loopback_without_a_token_refuses_to_start_naming_the_key()
    {
        var folder = Directory.CreateTempSubdirectory("actororders-console-open-");
        await using var node = NodeProcess.Start("open-node", folder.FullName, $"Data Source={Path.Combine(folder.FullName, "journal.db")}",
            ChildProcess.FreePort(), [], adminPort: null, new Dictionary<string, string?> { ["ActorOrders:Admin:Url"] = "http://0.0.0.0:9110" });

        await Eventually.Until(() => Task.FromResult(node.HasExited), TimeSpan.FromSeconds(30), "the node stops");

        node.Output.ShouldContain(l => l.Contains("ActorOrders:Admin:Token is required when ActorOrders:Admin:Url binds a non-loopback address", StringComparison.Ordinal),
            string.Join('\n', node.Output));
        folder.Delete(recursive: true);
    }
}

/// <summary>Help for every palette renders (descriptions are markup to Spectre: a bracket there once crashed it).</summary>
public sealed class HelpTests
{
    [Theory]
    [InlineData("--help")]
    [InlineData("actor --help")]
    [InlineData("cluster --help")]
    [InlineData("cluster-sharding --help")]
    [InlineData("orders --help")]
    [InlineData("orders retry --help")]
    [InlineData("orders compensate --help")]
    [InlineData("kafka --help")]
    [InlineData("dlq --help")]
    public async Task Help_is_printed_and_exits_0(string command)
    {
        var run = await ConsoleRun.RunAsync([$"127.0.0.1:{ChildProcess.FreePort()}", .. command.Split(' ')]);

        run.ExitCode.ShouldBe(0, run.ToString());
        run.Out.ShouldContain("USAGE:");
    }
}
