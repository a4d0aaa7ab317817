using Xunit.Abstractions;

namespace ActorOrders.Gateway.Tests.Support;

/// <summary>
/// One node and the gateways most tests share, started once: two plain gateways (A, B), one with API
/// keys and JWT (Secured) and one with a small rate limit (Limited). Tests in the collection run one
/// at a time; each uses ids of its own.
/// </summary>
public sealed class GatewayCluster : IAsyncLifetime
{
    public const string Issuer = "https://issuer.test";
    public const string Audience = "actororders";
    public const string SigningKey = "a-test-signing-key-of-at-least-32-characters";

    /// <summary>Keys of the Secured gateway: a shop (any customer), alice's app (bound to alice), bob's app (bound to bob).</summary>
    public const string ShopKey = "shop-key-1";
    public const string AliceKey = "alice-key-1";
    public const string BobKey = "bob-key-1";

    /// <summary>The Limited gateway's rate: permits per second and burst.</summary>
    public const int RatePerSecond = 5;

    public Processes Processes { get; } = new();

    public NodeProcess Node { get; private set; } = null!;
    public GatewayProcess A { get; private set; } = null!;
    public GatewayProcess B { get; private set; } = null!;
    public GatewayProcess Secured { get; private set; } = null!;
    public GatewayProcess Limited { get; private set; } = null!;

    /// <summary>The node's settings for its own HTTP listener: the same API keys as the Secured gateway.</summary>
    public static Dictionary<string, string?> Auth() => new()
    {
        ["ActorOrders:Auth:ApiKeys:0:Client"] = "shop",
        ["ActorOrders:Auth:ApiKeys:0:Sha256"] = OrderApi.Sha256(ShopKey),
        ["ActorOrders:Auth:ApiKeys:1:Client"] = "alice-app",
        ["ActorOrders:Auth:ApiKeys:1:Sha256"] = OrderApi.Sha256(AliceKey),
        ["ActorOrders:Auth:ApiKeys:1:CustomerId"] = "alice",
        ["ActorOrders:Auth:ApiKeys:2:Client"] = "bob-app",
        ["ActorOrders:Auth:ApiKeys:2:Sha256"] = OrderApi.Sha256(BobKey),
        ["ActorOrders:Auth:ApiKeys:2:CustomerId"] = "bob",
        ["ActorOrders:Auth:Jwt:Issuer"] = Issuer,
        ["ActorOrders:Auth:Jwt:Audience"] = Audience,
        ["ActorOrders:Auth:Jwt:SigningKey"] = SigningKey,
    };

    public async Task InitializeAsync()
    {
        Node = Processes.StartNode(Auth());
        await Node.WaitReadyAsync();
        A = Processes.StartGateway();
        B = Processes.StartGateway();
        Secured = Processes.StartGateway(Auth());
        Limited = Processes.StartGateway(new Dictionary<string, string?>
        {
            ["ActorOrders:RateLimit:PermitsPerSecond"] = RatePerSecond.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ActorOrders:RateLimit:Burst"] = RatePerSecond.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        await Task.WhenAll(A.WaitReadyAsync(), B.WaitReadyAsync(), Secured.WaitReadyAsync(), Limited.WaitReadyAsync());
    }

    /// <summary>Runs a test's body; on failure every process's output goes to the test output.</summary>
    public Task RunAsync(ITestOutputHelper output, Func<Task> body) => Processes.RunAsync(output, body);

    public async Task DisposeAsync() => await Processes.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class GatewayClusterCollection : ICollectionFixture<GatewayCluster>
{
    public const string Name = "gateway cluster";
}
