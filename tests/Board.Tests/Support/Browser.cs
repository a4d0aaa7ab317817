using Microsoft.Playwright;

namespace ActorOrders.Board.Tests.Support;

/// <summary>
/// Debian's chromium, headless, driven by Playwright (<c>ExecutablePath=/usr/bin/chromium</c>: Playwright's own
/// browser download is never used; .ci/run installs the package). One browser for the collection, a fresh context per test.
/// </summary>
public sealed class Browser : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public IBrowser Chromium { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"{ChromiumPath} is missing: install Debian's chromium (apt-get install -y chromium; .ci/run does).");
        _playwright = await Playwright.CreateAsync();
        Chromium = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>A context whose every request carries <paramref name="apiKey"/> in X-Api-Key (none when null), in the dark scheme.</summary>
    public Task<IBrowserContext> ContextAsync(string? apiKey, ViewportSize? viewport = null) =>
        Chromium.NewContextAsync(new BrowserNewContextOptions
        {
            ExtraHTTPHeaders = apiKey is null ? null : new Dictionary<string, string> { ["X-Api-Key"] = apiKey },
            ColorScheme = ColorScheme.Dark,
            ViewportSize = viewport ?? new ViewportSize { Width = 1600, Height = 1200 },
        });

    public async Task DisposeAsync()
    {
        if (Chromium is not null) await Chromium.CloseAsync();
        _playwright?.Dispose();
    }
}
