using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using ActorOrders.Contracts.Admin;

namespace ActorOrders.Cli.Infrastructure;

/// <summary>The admin API over HTTP; every failure becomes a <see cref="ConsoleFailure"/> with its exit code.</summary>
public sealed class AdminClient : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly HttpClient _http;
    private readonly Uri _address;

    public AdminClient(Session session, string? token)
    {
        _address = session.Address;
        _http = new HttpClient { BaseAddress = new Uri(session.Address, AdminProtocol.Prefix + "/"), Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        _http.DefaultRequestHeaders.Add(AdminProtocol.UserHeader, session.User);
        if (!string.IsNullOrEmpty(token ?? session.Token))
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(AdminProtocol.AuthorizationScheme, token ?? session.Token);
    }

    public Task<T> GetAsync<T>(string path, CancellationToken ct) => SendAsync<T>(new HttpRequestMessage(HttpMethod.Get, path), ct);

    public Task<T> PostAsync<T>(string path, object? body, CancellationToken ct) =>
        SendAsync<T>(new HttpRequestMessage(HttpMethod.Post, path) { Content = body is null ? null : JsonContent.Create(body, body.GetType(), options: Json.Options) }, ct);

    /// <summary>A streamed answer, one JSON document a line, until the node ends it or <paramref name="ct"/> is cancelled.</summary>
    public async IAsyncEnumerable<string> LinesAsync(string path, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        using (var response = await CallAsync(new HttpRequestMessage(HttpMethod.Get, path), HttpCompletionOption.ResponseHeadersRead, ct))
        {
            await EnsureSuccessAsync(response, ct);
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(ct));
            while (await ReadLineAsync(reader, ct) is { } line)
            {
                if (line.Length > 0) yield return line;
            }
        }
    }

    public void Dispose() => _http.Dispose();

    private static async Task<string?> ReadLineAsync(StreamReader reader, CancellationToken ct)
    {
        try
        {
            return await reader.ReadLineAsync(ct);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    private async Task<T> SendAsync<T>(HttpRequestMessage request, CancellationToken ct)
    {
        using var response = await CallAsync(request, HttpCompletionOption.ResponseContentRead, ct);
        await EnsureSuccessAsync(response, ct);
        try
        {
            return await response.Content.ReadFromJsonAsync<T>(Json.Options, ct)
                ?? throw new ConsoleFailure(ExitCodes.Failed, $"The node at {Target.Show(_address)} answered an empty document.");
        }
        catch (JsonException ex)
        {
            throw new ConsoleFailure(ExitCodes.Failed, $"The node at {Target.Show(_address)} answered something this console cannot read: {ex.Message}");
        }
    }

    // The timeout covers the wait for the answer (its headers, for a stream); Ctrl+C (ct) ends any wait.
    private async Task<HttpResponseMessage> CallAsync(HttpRequestMessage request, HttpCompletionOption completion, CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(Timeout);
        try
        {
            return await _http.SendAsync(request, completion, deadline.Token);
        }
        catch (HttpRequestException ex)
        {
            var why = ex.InnerException is SocketException socket ? socket.Message : ex.Message;
            throw new ConsoleFailure(ExitCodes.Unreachable, $"Cannot reach the admin API at {Target.Show(_address)}: {why.TrimEnd('.')}.");
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new ConsoleFailure(ExitCodes.Unreachable, $"The admin API at {Target.Show(_address)} did not answer within {Timeout.TotalSeconds:0} s.");
        }
    }

    private async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken ct)
    {
        if (response.IsSuccessStatusCode) return;
        AdminProblem? problem = null;
        try
        {
            problem = await response.Content.ReadFromJsonAsync<AdminProblem>(Json.Options, ct);
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException)
        {
            // not one of ours (a proxy, another server on that port): the status says enough
        }

        var detail = problem?.Detail ?? $"{Target.Show(_address)} answered {(int)response.StatusCode} {response.ReasonPhrase} (is it an ActorOrders node's admin port?).";
        throw new ConsoleFailure(response.StatusCode switch
        {
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => ExitCodes.Unauthorized,
            HttpStatusCode.BadRequest => ExitCodes.Usage,
            _ => ExitCodes.Failed,
        }, detail);
    }
}
