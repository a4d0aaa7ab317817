using ActorOrders.Contracts;
using ActorOrders.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ActorOrders.Gateway.Tests;

/// <summary>
/// A client that goes away ends the wait for the order: the shared endpoints (src/Orders.Http, as the
/// gateway and the node serve them) on real Kestrel, with an order client that answers only when cancelled.
/// </summary>
public sealed class DisconnectTests : IAsyncLifetime
{
    private readonly NeverAnswers _client = new();
    private WebApplication _app = null!;
    private Uri _address = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.AddOrderHttpPipeline("test");
        builder.Services.AddSingleton<IOrderClient>(_client).AddSingleton<IOrderListing, Unused>().AddSingleton<IOrderEventReader, Unused>().AddOrderHttp();
        _app = builder.Build();
        _app.UseOrderHttpPipeline();
        _app.MapOrderEndpoints();
        await _app.StartAsync();
        _address = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_client_that_disconnects_cancels_the_ask_it_was_waiting_for()
    {
        using var http = new HttpClient { BaseAddress = _address, Timeout = TimeSpan.FromMilliseconds(500) };
        await Should.ThrowAsync<TaskCanceledException>(() => http.GetAsync("/orders/waiting-1"));

        // The ask was started and then cancelled by the request's abort, long before any ask timeout.
        var cancelled = await _client.Cancelled.Task.WaitAsync(TimeSpan.FromSeconds(10));
        cancelled.ShouldBe("waiting-1");
    }

    private sealed class NeverAnswers : IOrderClient
    {
        public TaskCompletionSource<string> Cancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        // Answers nothing; only the request's cancellation ends the wait.
        public async Task<object> AskAsync(IWithOrderId message, CancellationToken ct)
        {
            var never = new TaskCompletionSource<object>(TaskCreationOptions.RunContinuationsAsynchronously);
            await using (ct.Register(() =>
            {
                Cancelled.TrySetResult(message.OrderId);
                never.TrySetCanceled(ct);
            }))
            {
                return await never.Task;
            }
        }
    }

    // The endpoints need every port; these tests use only the order client.
    private sealed class Unused : IOrderListing, IOrderEventReader
    {
        public Task<OrderListPage> ListAsync(OrderListQuery query, CancellationToken ct) => throw new NotSupportedException();

        public Task<IReadOnlyList<StoredOrderEvent>?> ReadAsync(string orderId, CancellationToken ct) => throw new NotSupportedException();
    }
}
