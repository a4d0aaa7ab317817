using System.Diagnostics;

namespace ActorOrders.LoadGen;

/// <summary>
/// What one closed-loop client owns: its receive buffer and its tallies. Nothing is shared
/// between clients while a phase runs; the phase merges the tallies at the end.
/// </summary>
internal sealed class ClientState
{
    private byte[] _buffer = new byte[4096];

    public List<long> LatencyTicks { get; } = new(1024);
    public Dictionary<int, long> HttpErrors { get; } = [];
    public long TransportErrors { get; private set; }
    public string? FirstTransportError { get; private set; }
    public long Gets { get; set; }
    public long[] Observed { get; } = new long[Enum.GetValues<Terminal>().Length];
    public List<string> Mismatches { get; } = [];
    public int Unfinished { get; set; }
    public int Refused { get; set; }

    public void HttpError(int status) => HttpErrors[status] = HttpErrors.GetValueOrDefault(status) + 1;

    public void TransportError(Exception ex)
    {
        TransportErrors++;
        FirstTransportError ??= $"{ex.GetType().Name}: {ex.Message}";
    }

    public void Latency(long startTimestamp) => LatencyTicks.Add(Stopwatch.GetTimestamp() - startTimestamp);

    /// <summary>Reads the whole body into the client's buffer (growing it when an answer is larger) and returns its bytes.</summary>
    public async ValueTask<ReadOnlyMemory<byte>> ReadBodyAsync(HttpResponseMessage response)
    {
        await using var stream = await response.Content.ReadAsStreamAsync();
        var length = 0;
        while (true)
        {
            if (length == _buffer.Length) Array.Resize(ref _buffer, _buffer.Length * 2);
            var read = await stream.ReadAsync(_buffer.AsMemory(length));
            if (read == 0) return _buffer.AsMemory(0, length);
            length += read;
        }
    }
}
