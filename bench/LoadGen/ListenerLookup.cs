using System.Globalization;
using System.Net;

namespace ActorOrders.LoadGen;

/// <summary>
/// Finds the process listening on a local TCP port: the socket's inode from /proc/net/tcp{,6}
/// (state 0A = LISTEN), then the one process whose /proc/PID/fd holds <c>socket:[inode]</c>.
/// Anything less than exactly one match is "unknown": a wrong pid would give a wrong figure.
/// </summary>
internal static class ListenerLookup
{
    public static int? FindPid(Uri url)
    {
        if (!OperatingSystem.IsLinux() || !IsLocal(url.Host)) return null;
        var inodes = ListeningInodes(url.Port);
        if (inodes.Count == 0) return null;
        var owners = new HashSet<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid) || pid == Environment.ProcessId) continue;
            if (OwnsAny(dir, inodes)) owners.Add(pid);
        }

        return owners.Count == 1 ? owners.Single() : null;
    }

    private static bool IsLocal(string host) =>
        host is "localhost" || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));

    private static HashSet<string> ListeningInodes(int port)
    {
        var inodes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var table in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            if (!File.Exists(table)) continue;
            foreach (var line in File.ReadLines(table).Skip(1))
            {
                // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode …
                var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (f.Length < 10 || f[3] != "0A") continue;
                var local = f[1];
                if (int.Parse(local[(local.LastIndexOf(':') + 1)..], NumberStyles.HexNumber, CultureInfo.InvariantCulture) == port && f[9] != "0")
                    inodes.Add(f[9]);
            }
        }

        return inodes;
    }

    private static bool OwnsAny(string processDir, HashSet<string> inodes)
    {
        try
        {
            foreach (var fd in Directory.EnumerateFileSystemEntries(Path.Combine(processDir, "fd")))
            {
                var target = new FileInfo(fd).LinkTarget;
                if (target is not null && target.StartsWith("socket:[", StringComparison.Ordinal) && inodes.Contains(target[8..^1])) return true;
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Processes come and go and some are not ours to read: they simply do not match.
        }

        return false;
    }
}
