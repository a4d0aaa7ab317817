using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using ActorOrders.Board.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace ActorOrders.Board.Tests;

/// <summary>
/// The board in a real browser (Debian's chromium) against a real node and gateway: it shows the numbers of the
/// orders the tests placed, with the outcomes the simulated participants' test values force, and follows them
/// as more flow, without a reload.
/// </summary>
[Collection(BoardClusterCollection.Name)]
public sealed partial class BoardPageTests(BoardCluster cluster, Browser browser, ITestOutputHelper output)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(45);

    /// <summary>Set to a file path to save a screenshot of the board as this run shows it (docs/images/board.png).</summary>
    public const string ScreenshotVariable = "ACTORORDERS_BOARD_SCREENSHOT";

    [Fact]
    public Task The_board_shows_the_run_and_follows_orders_as_they_flow() => cluster.RunAsync(output, async () =>
    {
        // Mixed outcomes: plain orders complete, decline* customers are refused, an OOS- sku is out of stock,
        // a novoid* customer's refund keeps failing and the order stops in AttentionRequired.
        var ids = new List<string>();
        for (var i = 0; i < 6; i++) ids.Add(await cluster.PlaceAsync(cluster.Node, "shopper"));
        ids.Add(await cluster.PlaceAsync(cluster.Node, "decline-board"));
        ids.Add(await cluster.PlaceAsync(cluster.Node, "decline-board"));
        ids.Add(await cluster.PlaceAsync(cluster.Node, "shopper", "OOS-board"));
        var stuck = await cluster.PlaceAsync(cluster.Node, "novoid-board");
        ids.Add(stuck);
        await cluster.AwaitFinalAsync(ids);
        cluster.Finished[stuck].ShouldBe("AttentionRequired");
        cluster.Count("Completed").ShouldBeGreaterThan(0);
        cluster.Count("Rejected").ShouldBeGreaterThan(0);

        await using var context = await browser.ContextAsync(BoardCluster.OpsKey);
        var page = await context.NewPageAsync();
        (await page.GotoAsync(new Uri(cluster.Node.Address, "/board").ToString()))!.Status.ShouldBe(200);

        await ShowsTheLedgerAsync(page);
        var row = page.Locator($"#stuck tr[data-order-id='{stuck}']");
        await Until(async () => await row.CountAsync() == 1, $"stuck order {stuck} is listed");
        (await row.GetAttributeAsync("data-status")).ShouldBe("AttentionRequired");
        var reason = (await row.Locator("td.reason").TextContentAsync())!.Trim();
        reason.ShouldNotBeNullOrWhiteSpace();
        reason.ShouldNotBe("—");
        output.WriteLine($"stuck reason: {reason}");

        await Until(async () => await page.Locator("#steps tr[data-action='AuthorizePayment']").CountAsync() == 1, "the payment step's latency is shown");
        await Until(async () => await page.Locator("#kafka tbody tr").CountAsync() > 0, "the Kafka consumers' partitions are shown");
        await Until(async () => await page.Locator("#projections [data-slice]").CountAsync() > 0, "the projection slices are shown");
        (await page.Locator("#nodelist tbody tr").CountAsync()).ShouldBe(1);
        (await page.Locator("[data-testid=nodes]").TextContentAsync())!.ShouldContain("1/1");
        (await page.Locator("[data-testid=served]").TextContentAsync())!.ShouldContain("node");

        // More orders flow: the open page follows them by itself.
        var more = new List<string>();
        for (var i = 0; i < 5; i++) more.Add(await cluster.PlaceAsync(cluster.Node, "shopper"));
        await cluster.AwaitFinalAsync(more);
        await ShowsTheLedgerAsync(page);
        await Until(async () => await page.Locator("#throughput rect").CountAsync() > 0, "the throughput chart has bars");

        if (Environment.GetEnvironmentVariable(ScreenshotVariable) is { Length: > 0 } file)
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });
            output.WriteLine($"screenshot: {file}");
        }

        // The stuck order's link opens its history.
        await row.Locator("td a").First.ClickAsync();
        await page.WaitForURLAsync(new Regex($"/board/orders/{stuck}$"));
        await Until(async () => await page.Locator("#timeline li[data-type='OrderPlaced']").CountAsync() == 1, "the order page shows its OrderPlaced");
        (await page.Locator("#timeline li").CountAsync()).ShouldBeGreaterThan(2);
    });

    [Fact]
    public Task Through_the_gateway_the_board_is_the_clusters() => cluster.RunAsync(output, async () =>
    {
        var ids = new List<string> { await cluster.PlaceAsync(cluster.Gateway, "shopper"), await cluster.PlaceAsync(cluster.Gateway, "decline-gw") };
        await cluster.AwaitFinalAsync(ids);

        await using var context = await browser.ContextAsync(BoardCluster.OpsKey);
        var page = await context.NewPageAsync();
        (await page.GotoAsync(new Uri(cluster.Gateway.Address, "/board").ToString()))!.Status.ShouldBe(200);
        await ShowsTheLedgerAsync(page);
        (await page.Locator("[data-testid=served]").TextContentAsync())!.ShouldContain("gateway");
        (await page.Locator("[data-testid=nodes]").TextContentAsync())!.ShouldContain("1/1");
        (await page.Locator("#nodelist tbody tr").CountAsync()).ShouldBe(1, "the gateway is no node: only the node answers");

        var later = await cluster.PlaceAsync(cluster.Gateway, "shopper");
        await cluster.AwaitFinalAsync([later]);
        await ShowsTheLedgerAsync(page);
    });

    [Fact]
    public Task The_page_loads_nothing_from_anywhere_else() => cluster.RunAsync(output, async () =>
    {
        var origin = cluster.Node.Address.GetLeftPart(UriPartial.Authority);
        await using var context = await browser.ContextAsync(BoardCluster.OpsKey);
        var requested = new List<string>();
        var foreign = new List<string>();
        await context.RouteAsync("**/*", async route =>
        {
            var url = route.Request.Url;
            lock (requested) requested.Add(url);
            if (url.StartsWith(origin + "/", StringComparison.Ordinal) || url.StartsWith("data:", StringComparison.Ordinal)) await route.ContinueAsync();
            else
            {
                lock (foreign) foreign.Add(url);
                await route.AbortAsync();
            }
        });
        var errors = new List<string>();
        var page = await context.NewPageAsync();
        page.Console += (_, m) => { if (m.Type == "error") lock (errors) errors.Add(m.Text); };
        page.PageError += (_, e) => { lock (errors) errors.Add(e); };

        var response = await page.GotoAsync(origin + "/board");
        response!.Status.ShouldBe(200);
        (await response.HeaderValueAsync("content-security-policy"))!.ShouldContain("default-src 'none'");
        await Until(async () => await page.EvaluateAsync<string?>("document.body.dataset.at") is { Length: > 0 }, "the board drew its data");
        var drawn = await page.EvaluateAsync<string>("document.body.dataset.at");
        await Until(async () => await page.EvaluateAsync<string>("document.body.dataset.at") != drawn, "the board refreshed by itself");

        lock (requested) requested.ShouldContain(origin + "/board/data");
        lock (foreign) foreign.ShouldBeEmpty();
        lock (errors) errors.ShouldBeEmpty("no script error, no blocked resource");
    });

    [Fact]
    public Task Without_credentials_the_board_is_refused_and_a_customers_key_is_forbidden() => cluster.RunAsync(output, async () =>
    {
        foreach (var process in new ChildProcess[] { cluster.Node, cluster.Gateway })
        {
            foreach (var path in new[] { "/board", "/board/data", "/board/board.js", "/board/orders/some-order/events" })
            {
                using var anonymous = await process.Http.SendAsync(cluster.Get(path, apiKey: null));
                anonymous.StatusCode.ShouldBe(HttpStatusCode.Unauthorized, $"{process.Name} {path}");
                anonymous.Headers.WwwAuthenticate.ToString().ShouldStartWith("Basic", Case.Sensitive, $"{process.Name} {path}: the browser is asked for the key");

                using var wrong = await process.Http.SendAsync(cluster.Get(path, apiKey: "not-a-key"));
                wrong.StatusCode.ShouldBe(HttpStatusCode.Unauthorized, $"{process.Name} {path}");

                using var customer = await process.Http.SendAsync(cluster.Get(path, BoardCluster.AliceKey));
                customer.StatusCode.ShouldBe(HttpStatusCode.Forbidden, $"{process.Name} {path}: the board shows every customer's orders");
            }

            // A browser gives the key as the password of HTTP Basic; only on the board's paths.
            using var basic = new HttpRequestMessage(HttpMethod.Get, "/board/data");
            basic.Headers.Authorization = new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("anyone:" + BoardCluster.OpsKey)));
            using var answered = await process.Http.SendAsync(basic);
            answered.StatusCode.ShouldBe(HttpStatusCode.OK, process.Name);
            using var elsewhere = new HttpRequestMessage(HttpMethod.Get, "/orders");
            elsewhere.Headers.Authorization = new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("anyone:" + BoardCluster.OpsKey)));
            using var refused = await process.Http.SendAsync(elsewhere);
            refused.StatusCode.ShouldBe(HttpStatusCode.Unauthorized, $"{process.Name}: Basic is for the board only");
        }

        // A browser without the key is refused (Chromium ends the navigation on the Basic challenge it cannot answer).
        var board = new Uri(cluster.Node.Address, "/board").ToString();
        await using (var anonymous = await browser.ContextAsync(apiKey: null))
        {
            var page = await anonymous.NewPageAsync();
            try
            {
                (await page.GotoAsync(board))!.Status.ShouldBe(401);
            }
            catch (PlaywrightException ex)
            {
                ex.Message.ShouldContain("ERR_INVALID_AUTH_CREDENTIALS");
            }

            (await page.Locator("[data-testid=placed]").CountAsync()).ShouldBe(0, "nothing of the board is shown");
        }

        // Given the key as the password when asked, the browser shows the board and its polling is served too.
        await using var signedIn = await browser.Chromium.NewContextAsync(new BrowserNewContextOptions
        {
            HttpCredentials = new HttpCredentials { Username = "operator", Password = BoardCluster.OpsKey },
        });
        var shown = await signedIn.NewPageAsync();
        (await shown.GotoAsync(board))!.Status.ShouldBe(200);
        await Until(async () => await NumberAsync(shown, "placed") >= 0, "the board drew its data with Basic credentials");
    });

    // The big numbers equal the ledger: what the tests placed and how each order ended.
    private async Task ShowsTheLedgerAsync(IPage page)
    {
        var expected = (cluster.Placed, cluster.Count("Completed"), cluster.Count("Rejected"), cluster.Count("Cancelled"), cluster.Count("AttentionRequired"));
        await Until(async () =>
            (await NumberAsync(page, "placed"), await NumberAsync(page, "completed"), await NumberAsync(page, "rejected"),
             await NumberAsync(page, "cancelled"), await NumberAsync(page, "attention")) == expected,
            $"the board shows placed/completed/rejected/cancelled/attention = {expected}",
            async () => $"it shows {await NumberAsync(page, "placed")}/{await NumberAsync(page, "completed")}/{await NumberAsync(page, "rejected")}/" +
                        $"{await NumberAsync(page, "cancelled")}/{await NumberAsync(page, "attention")}");
    }

    private static async Task<long> NumberAsync(IPage page, string testId)
    {
        var text = await page.Locator($"[data-testid='{testId}']").TextContentAsync() ?? "";
        var digits = NonDigits().Replace(text, "");
        return digits.Length == 0 ? -1 : long.Parse(digits, CultureInfo.InvariantCulture);
    }

    private static async Task Until(Func<Task<bool>> condition, string what, Func<Task<string>>? last = null)
    {
        try
        {
            await Eventually.Until(condition, Deadline, what);
        }
        catch (TimeoutException) when (last is not null)
        {
            throw new TimeoutException($"Not true within {Deadline.TotalSeconds} s: {what}; {await last()}.");
        }
    }

    [GeneratedRegex("[^0-9]")]
    private static partial Regex NonDigits();
}
