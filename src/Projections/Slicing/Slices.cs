using System.Buffers;
using System.Globalization;
using System.Text;

namespace ActorOrders.Projections;

/// <summary>
/// Maps a key (an entity id) to one of N slices, stably across processes, machines and .NET
/// versions: FNV-1a 32-bit over the key's UTF-8 bytes, modulo the slice count.
/// </summary>
/// <remarks>
/// The slice of an event is decided once, when it is written, and stored as its tag. The hash and
/// the slice count must therefore never change once events are tagged: a different answer would
/// send an entity's new events to another slice than its old ones. <see cref="string.GetHashCode()"/>
/// is randomized per process and must never be used for this.
/// </remarks>
public static class Slices
{
    private const uint FnvOffsetBasis = 2166136261;
    private const uint FnvPrime = 16777619;

    // Keys are entity ids: short. Longer ones are hashed from a pooled buffer.
    private const int StackLimit = 512;

    /// <summary>The slice (0 … <paramref name="sliceCount"/> - 1) of <paramref name="key"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="sliceCount"/> is less than 1.</exception>
    public static int Of(string key, int sliceCount)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentOutOfRangeException.ThrowIfLessThan(sliceCount, 1);
        return (int)(Hash(key) % (uint)sliceCount);
    }

    /// <summary>The tag of a slice: <c>{prefix}-{slice}</c>, e.g. <c>orders-slice-3</c> for prefix <c>orders-slice</c>.</summary>
    public static string Tag(string prefix, int slice)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(prefix);
        ArgumentOutOfRangeException.ThrowIfNegative(slice);
        return string.Create(CultureInfo.InvariantCulture, $"{prefix}-{slice}");
    }

    /// <summary>FNV-1a 32 of the UTF-8 bytes of <paramref name="key"/>, without allocating for ordinary keys.</summary>
    internal static uint Hash(string key)
    {
        var max = Encoding.UTF8.GetMaxByteCount(key.Length);
        byte[]? rented = null;
        var buffer = max <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(max));
        try
        {
            var length = Encoding.UTF8.GetBytes(key, buffer);
            var hash = FnvOffsetBasis;
            foreach (var b in buffer[..length])
                hash = unchecked((hash ^ b) * FnvPrime);
            return hash;
        }
        finally
        {
            if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
