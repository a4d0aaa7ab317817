using System.Diagnostics;

namespace ActorOrders.LoadGen;

/// <summary>
/// Closed-loop clients GET existing orders back to back for a fixed time. Client k reads ids
/// k, k + clients, k + 2·clients, … round the list, so every id is read about equally often.
/// A warm-up runs first on the same connections; only GETs answered inside the measured window
/// count, and the CPU samples are taken at the window's edges.
/// </summary>
internal sealed class GetPhase(HttpClient http, Uri[] paths, int? serverPid)
{
    private const int WarmingUp = 0, Measuring = 1, Stopped = 2;
    private int _stage = WarmingUp;

    public async Task<GetPhaseResult> RunAsync(int clients, TimeSpan warmup, TimeSpan measure)
    {
        var states = Enumerable.Range(0, clients).Select(_ => new ClientState()).ToArray();
        var running = states.Select((s, k) => Task.Run(() => ClientAsync(s, k, clients))).ToArray();

        await Task.Delay(warmup);
        var before = CpuSample.Take(serverPid);
        Volatile.Write(ref _stage, Measuring);
        await Task.Delay(measure);
        Volatile.Write(ref _stage, Stopped);
        var after = CpuSample.Take(serverPid);
        await Task.WhenAll(running);

        var cpu = CpuUse.Between(before, after);
        return new GetPhaseResult(states.Sum(s => s.Gets), TimeSpan.FromSeconds(cpu.WallSeconds),
            Latency.FromTicks(states.Select(s => s.LatencyTicks)), Errors.Merge(states), cpu);
    }

    private async Task ClientAsync(ClientState state, int first, int stride)
    {
        for (var i = first % paths.Length; Volatile.Read(ref _stage) != Stopped; i = (i + stride) % paths.Length)
        {
            var start = Stopwatch.GetTimestamp();
            int? error = null;
            Exception? failure = null;
            try
            {
                using var request = LoadHttp.Get(paths[i]);
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
                await state.ReadBodyAsync(response);
                if (!response.IsSuccessStatusCode) error = (int)response.StatusCode;
            }
            catch (Exception ex) when (LoadHttp.IsTransport(ex))
            {
                failure = ex;
            }

            if (Volatile.Read(ref _stage) != Measuring) continue;
            state.Gets++;
            state.Latency(start);
            if (error is { } status) state.HttpError(status);
            if (failure is not null) state.TransportError(failure);
        }
    }
}
