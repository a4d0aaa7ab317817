using ActorOrders.LoadGen;

var options = Options.Parse(args.Skip(1));
return args.FirstOrDefault() switch
{
    "http" => await HttpRun.RunAsync(options),
    "gets" => await GetsRun.RunAsync(options),
    "verify" => await VerifyRun.RunAsync(
        new Uri(options.Get("url", "http://127.0.0.1:5080")),
        options.GetInt("orders", 1000),
        options.GetInt("concurrency", 64),
        TimeSpan.FromSeconds(options.GetInt("deadline-seconds", 120))),
    "perf" => await PerfRun.RunAsync(
        options.Get("journal", "sqlite"),
        options.GetInt("orders", 20_000),
        options.GetInt("in-flight", 256),
        options.GetInt("warmup", 2_000),
        options.Settings(),
        options.GetCount("run", 1)),
    "kafka" => await KafkaRun.RunAsync(options),
    "summarize" => Summary.Run(options),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("""
        usage: dotnet run -c Release --project bench/LoadGen -- MODE [options]   (bench/README.md explains the figures)

          http       storefront users against a running server: closed-loop clients POST an order, poll GET /orders/{id}
                     (after 0, 2, 4, 8, 16, 32 ms, then every 50 ms) until it is terminal, then place the next one;
                     then a GET-only phase over the ids placed
                     [--url http://127.0.0.1:5080] [--clients 256] [--orders 20000] [--warmup 2000]
                     [--mix happy|standard|full] (standard: happy, declined, out of stock, unshippable; full adds noreply and lostreply)
                     [--get-phase-seconds 10] (0: no GET phase) [--get-warmup-seconds 2] [--order-timeout-seconds 60]
          gets       the GET-only phase alone: place --seed-orders happy orders, then GET them as fast as the clients can
                     [--url URL] [--clients 256] [--seed-orders 1000] (0: made-up ids, for the floor) [--get-phase-seconds 10]
                     [--get-warmup-seconds 2]
          verify     place a mix of orders, wait for all, check each against the simulators' ledger
                     [--url URL] [--orders 1000] [--concurrency 64] [--deadline-seconds 120]
          perf       the node in-process, orders told straight to the shard region (no HTTP)
                     [--journal sqlite|memory|postgres] [--orders 20000] [--in-flight 256] [--warmup 2000] [--set Key=Value;Key=Value]
          kafka      orders through Kafka: PlaceOrder CloudEvents to orders.commands as fast as the producer goes, timed to each
                     order's terminal event on orders.events; the ingest's lag and the node's RSS every second
                     [--bootstrap HOST:PORT,…] (default: --bootstrap-file src/Cluster.Node/data/kafka-bootstrap.txt, the embedded broker's)
                     [--orders 20000] [--warmup 2000] [--mix happy|standard|full] [--server-pid PID] [--deadline-seconds 600]
          summarize  medians and ratios of the JSON lines of several runs  --file PATH [--run N] (that run only) [--node-label node] [--floor-label floor]

        http and gets also take: [--server-pid PID] (default: the process listening on the URL's port, from /proc)
                                 [--label NAME] (default: host:port) [--run N] (run number in the JSON lines)
        every phase prints human-readable lines and one JSON line (starting with '{')
        """);
    return 2;
}
