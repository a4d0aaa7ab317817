using System.Diagnostics;

namespace ActorOrders.LoadGen;

/// <summary>One order to place: its body encoded up front so that building it is never on the clock.</summary>
internal sealed record PreparedOrder(string Id, Uri Path, byte[] Body, Terminal Expected)
{
    public static PreparedOrder[] Batch(OrderMix mix, string prefix, int count) =>
        [.. Enumerable.Range(0, count).Select(i =>
        {
            var id = mix.OrderId(prefix, i);
            var kind = mix.Next();
            return new PreparedOrder(id, LoadHttp.OrderPath(id), System.Text.Encoding.UTF8.GetBytes(mix.Body(id, kind).ToJsonString()), TerminalStatus.Expected(kind));
        })];
}

/// <summary>
/// Closed-loop clients working through a batch of orders: each POSTs an order, polls GET
/// /orders/{id} after 0, 2, 4, 8, 16, 32 ms and then every 50 ms until the status is terminal,
/// and only then takes the next order. Latency is what the user sees: from just before the
/// POST to the answer of the GET that showed the terminal status.
/// </summary>
internal sealed class OrderPhase(HttpClient http, PreparedOrder[] orders, TimeSpan orderTimeout)
{
    private int _next = -1;

    public async Task<OrderPhaseResult> RunAsync(int clients)
    {
        var states = Enumerable.Range(0, clients).Select(_ => new ClientState()).ToArray();
        var sw = Stopwatch.StartNew();
        await Task.WhenAll(states.Select(s => Task.Run(() => ClientAsync(s))));
        return OrderPhaseResult.Merge(orders.Length, sw.Elapsed, states);
    }

    /// <summary>2, 4, 8, 16, 32 ms between the first GETs (most orders finish within tens of ms), then 50 ms.</summary>
    public static TimeSpan PollDelay(int poll) => TimeSpan.FromMilliseconds(poll < 5 ? 2 << poll : 50);

    private async Task ClientAsync(ClientState state)
    {
        for (var i = Interlocked.Increment(ref _next); i < orders.Length; i = Interlocked.Increment(ref _next))
            await OrderAsync(orders[i], state);
    }

    private async Task OrderAsync(PreparedOrder order, ClientState state)
    {
        var start = Stopwatch.GetTimestamp();
        var deadline = start + (long)(orderTimeout.TotalSeconds * Stopwatch.Frequency);
        if (!await PlaceAsync(order, state, deadline)) return;
        for (var poll = 0; ; poll++)
        {
            var observed = await PollAsync(order, state);
            if (observed != Terminal.None)
            {
                state.Latency(start);
                state.Observed[(int)observed]++;
                if (observed != order.Expected) state.Mismatches.Add($"{order.Id}: {observed}, expected {order.Expected}");
                return;
            }

            if (Stopwatch.GetTimestamp() > deadline)
            {
                state.Unfinished++;
                return;
            }

            await Task.Delay(PollDelay(poll));
        }
    }

    /// <summary>POSTs until accepted; busy answers and broken connections are retried with the same id (placement is idempotent).</summary>
    private async Task<bool> PlaceAsync(PreparedOrder order, ClientState state, long deadline)
    {
        while (true)
        {
            TimeSpan delay;
            try
            {
                using var request = LoadHttp.Post(order.Body);
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
                await state.ReadBodyAsync(response);
                var status = (int)response.StatusCode;
                if (status is 200 or 201) return true;
                state.HttpError(status);
                if (status is not (429 or >= 500))
                {
                    state.Refused++;
                    return false;
                }

                delay = LoadHttp.RetryDelay(response);
            }
            catch (Exception ex) when (LoadHttp.IsTransport(ex))
            {
                state.TransportError(ex);
                delay = LoadHttp.RetryDelay(null);
            }

            if (Stopwatch.GetTimestamp() + (long)(delay.TotalSeconds * Stopwatch.Frequency) > deadline)
            {
                state.Unfinished++;
                return false;
            }

            await Task.Delay(delay);
        }
    }

    private async Task<Terminal> PollAsync(PreparedOrder order, ClientState state)
    {
        state.Gets++;
        try
        {
            using var request = LoadHttp.Get(order.Path);
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            var body = await state.ReadBodyAsync(response);
            if (response.IsSuccessStatusCode) return TerminalStatus.Read(body.Span);
            state.HttpError((int)response.StatusCode);
        }
        catch (Exception ex) when (LoadHttp.IsTransport(ex))
        {
            state.TransportError(ex);
        }

        return Terminal.None;
    }
}
