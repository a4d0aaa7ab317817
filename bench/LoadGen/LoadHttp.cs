using System.Net;
using System.Net.Http.Headers;

namespace ActorOrders.LoadGen;

/// <summary>The one HttpClient of a run and the request shapes every closed-loop client sends.</summary>
internal static class LoadHttp
{
    private static readonly Uri OrdersPath = new("/orders", UriKind.Relative);

    /// <summary>
    /// One pooled connection per client (HTTP/1.1 carries one request at a time), kept for the
    /// whole run, so no client ever waits for a connection or pays a connect inside a measurement.
    /// </summary>
    public static HttpClient Create(Uri baseUrl, int clients) =>
        new(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = clients,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(10),
            ConnectTimeout = TimeSpan.FromSeconds(5),
            AutomaticDecompression = DecompressionMethods.None,
            AllowAutoRedirect = false,
            UseCookies = false,
            UseProxy = false,
        })
        {
            BaseAddress = baseUrl,
            Timeout = TimeSpan.FromSeconds(30),
            DefaultRequestVersion = HttpVersion.Version11,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };

    public static HttpRequestMessage Post(byte[] body) => new(HttpMethod.Post, OrdersPath)
    {
        Content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
    };

    public static HttpRequestMessage Get(Uri order) => new(HttpMethod.Get, order);

    /// <summary>The path of GET /orders/{id}, built once per order rather than once per poll.</summary>
    public static Uri OrderPath(string id) => new("/orders/" + id, UriKind.Relative);

    /// <summary>Failures a storefront would retry: the server is busy or the connection broke.</summary>
    public static bool IsTransport(Exception ex) => ex is HttpRequestException or IOException or TaskCanceledException;

    /// <summary>How long a 503 / 429 asks us to wait, bounded so one answer cannot stall a client.</summary>
    public static TimeSpan RetryDelay(HttpResponseMessage? response)
    {
        var asked = response?.Headers.RetryAfter?.Delta ?? TimeSpan.FromMilliseconds(100);
        return asked > TimeSpan.FromSeconds(2) ? TimeSpan.FromSeconds(2) : asked;
    }
}
