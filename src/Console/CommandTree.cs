using ActorOrders.Cli.Commands;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ActorOrders.Cli;

/// <summary>Every command, in pbm's words where pbm has them; also the words the interactive prompt completes.</summary>
public static class CommandTree
{
    /// <summary>Options every command takes.</summary>
    public static readonly IReadOnlyList<string> CommonOptions = ["--json", "--token"];

    /// <summary>Command paths and the options each takes, for completion.</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> Commands = new Dictionary<string, IReadOnlyList<string>>
    {
        ["actor system"] = [],
        ["actor hierarchy"] = ["-d"],
        ["cluster show"] = [],
        ["cluster status"] = [],
        ["cluster leader"] = [],
        ["cluster unreachable"] = [],
        ["cluster leave"] = ["-a"],
        ["cluster down"] = ["-a"],
        ["cluster join"] = ["-a"],
        ["cluster down-unreachable"] = [],
        ["cluster tail"] = [],
        ["cluster-sharding regions"] = [],
        ["cluster-sharding region-stats"] = ["-r"],
        ["cluster-sharding shard-stats"] = ["-r"],
        ["orders show"] = [],
        ["orders list"] = ["--status", "--older-than", "--limit"],
        ["orders retry"] = ["--status", "--older-than", "--limit", "--dry-run", "--yes"],
        ["orders compensate"] = ["--reason", "--status", "--older-than", "--limit", "--dry-run", "--yes"],
        ["projections"] = [],
        ["kafka lag"] = ["--all"],
        ["dlq list"] = ["--status", "--limit"],
        ["dlq show"] = [],
        ["dlq replay"] = ["--force"],
        ["dlq discard"] = ["--force"],
        ["quarantine list"] = [],
        ["quarantine redrive"] = [],
        ["quarantine discard-head"] = [],
    };

    public static void Configure(IConfigurator c)
    {
        // Spectre renders descriptions as markup: "[-d depth]" would be read as a style.
        static string D(string text) => Markup.Escape(text);

        c.AddBranch("actor", b =>
        {
            b.SetDescription(D("The node's actor system"));
            b.AddCommand<ActorSystemCommand>("system").WithDescription(D("Name, address, roles, versions, uptime"));
            b.AddCommand<ActorHierarchyCommand>("hierarchy").WithDescription(D("The actor tree [-d depth]"));
        });
        c.AddBranch("cluster", b =>
        {
            b.SetDescription(D("Cluster membership"));
            b.AddCommand<ClusterShowCommand>("show").WithDescription(D("Every member: address | roles | status | reachability | app version"));
            b.AddCommand<ClusterStatusCommand>("status").WithDescription(D("The member connected to"));
            b.AddCommand<ClusterLeaderCommand>("leader").WithDescription(D("The leader, and each role's"));
            b.AddCommand<ClusterUnreachableCommand>("unreachable").WithDescription(D("Members someone cannot reach"));
            b.AddCommand<ClusterLeaveCommand>("leave").WithDescription(D("A member leaves gracefully [-a address; default: the one connected to]"));
            b.AddCommand<ClusterDownCommand>("down").WithDescription(D("Mark a member down -a address"));
            b.AddCommand<ClusterJoinCommand>("join").WithDescription(D("The node connected to joins -a address's cluster"));
            b.AddCommand<ClusterDownUnreachableCommand>("down-unreachable").WithDescription(D("Down every unreachable member"));
            b.AddCommand<ClusterTailCommand>("tail").WithDescription(D("Membership events until Ctrl+C"));
        });
        c.AddBranch("cluster-sharding", b =>
        {
            b.SetDescription(D("Cluster sharding"));
            b.AddCommand<ShardingRegionsCommand>("regions").WithDescription(D("The shard regions on the node"));
            b.AddCommand<RegionStatsCommand>("region-stats").WithDescription(D("Every region of -r type across the cluster: shards, entities"));
            b.AddCommand<ShardStatsCommand>("shard-stats").WithDescription(D("The node's shards of -r type: entities"));
        });
        c.AddBranch("orders", b =>
        {
            b.SetDescription(D("The order sagas"));
            b.AddCommand<OrderShowCommand>("show").WithDescription(D("State, current step, attempts, next deadline, history"));
            b.AddCommand<OrderListCommand>("list").WithDescription(D("Orders by --status / --older-than (stuck sagas) and why"));
            b.AddCommand<OrderRetryCommand>("retry").WithDescription(D("Re-drive AttentionRequired orders: <id>, or --status/--older-than [--dry-run] [--yes]"));
            b.AddCommand<OrderCompensateCommand>("compensate").WithDescription(D("Force compensation of orders not shipped: <id>, or --status/--older-than [--dry-run] [--yes]"));
        });
        c.AddCommand<ProjectionsCommand>("projections").WithDescription(D("Projection slices: worker, offset, lag"));
        c.AddBranch("kafka", b =>
        {
            b.SetDescription(D("The Kafka transport"));
            b.AddCommand<KafkaLagCommand>("lag").WithDescription(D("The node's consumers: group, lag, lagging partitions; the orders.events publication's lag [-a all partitions]"));
        });
        c.AddBranch("dlq", b =>
        {
            b.SetDescription(D("The dead letters of orders.dlq and what was done with them"));
            b.AddCommand<DlqListCommand>("list").WithDescription(D("Dead letters, newest first [-s open|replayed|discarded] [-n limit]"));
            b.AddCommand<DlqShowCommand>("show").WithDescription(D("One dead letter with its payload <id>"));
            b.AddCommand<DlqReplayCommand>("replay").WithDescription(D("Produce it to its original topic again <id> [--force]"));
            b.AddCommand<DlqDiscardCommand>("discard").WithDescription(D("Mark it as needing nothing more <id> [--force]"));
        });
        c.AddBranch("quarantine", b =>
        {
            b.SetDescription(D("The ingest's ordered quarantine (records parked behind an order's failing one)"));
            b.AddCommand<QuarantineListCommand>("list").WithDescription(D("Parked records by order, oldest first"));
            b.AddCommand<QuarantineRedriveCommand>("redrive").WithDescription(D("Replay an order's parked records in order <order-id>"));
            b.AddCommand<QuarantineDiscardHeadCommand>("discard-head").WithDescription(D("Drop an order's oldest parked record <order-id>"));
        });
    }
}
