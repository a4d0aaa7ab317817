using System.Diagnostics;
using System.Runtime.InteropServices;

namespace ActorOrders.LoadGen;

/// <summary>
/// CPU time from /proc, in clock ticks: utime + stime of the server and of this process, and the
/// whole machine's busy time (to see other work on a shared box). Reading a file before and after
/// a phase costs nothing the server could notice, unlike a profiler or counters inside it.
/// </summary>
internal static partial class ProcCpu
{
    private const int ScClkTck = 2; // _SC_CLK_TCK in Linux's <unistd.h>

    /// <summary>Ticks per second of the times in /proc (USER_HZ; 100 on every mainstream Linux).</summary>
    public static readonly long TicksPerSecond = ClockTicks();

    /// <summary>utime + stime of a process (all its threads, not its children); null once it is gone or unreadable.</summary>
    public static long? ProcessTicks(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // The command name (field 2) is in parentheses and may contain spaces: count fields after the last ')'.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return long.Parse(fields[11]) + long.Parse(fields[12]); // fields 14 (utime) and 15 (stime)
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>
    /// Busy, total and softirq ticks of all cores from the first line of /proc/stat. Softirq is
    /// where the kernel does most loopback TCP work; it is charged to whichever process happens
    /// to be running, or to no process at all, so it is reported on its own.
    /// </summary>
    public static (long Busy, long Total, long SoftIrq) MachineTicks()
    {
        try
        {
            var line = File.ReadLines("/proc/stat").First();
            var v = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(long.Parse).ToArray();
            // user nice system idle iowait irq softirq steal (guest time is already inside user).
            var idle = v[3] + v[4];
            var busy = v[0] + v[1] + v[2] + v[5] + v[6] + v[7];
            return (busy, busy + idle, v[6]);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return (0, 0, 0);
        }
    }

    private static long ClockTicks()
    {
        if (!OperatingSystem.IsLinux()) return 100;
        try
        {
            var ticks = SysConf(ScClkTck);
            return ticks > 0 ? ticks : 100;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return 100; // USER_HZ is a kernel ABI constant; 100 wherever sysconf cannot be reached
        }
    }

    [LibraryImport("libc", EntryPoint = "sysconf")]
    private static partial long SysConf(int name);
}

/// <summary>One reading of <see cref="ProcCpu"/> for a phase boundary.</summary>
internal readonly record struct CpuSample(long Timestamp, long? ServerTicks, long? ToolTicks, long MachineBusy, long MachineTotal, long SoftIrq)
{
    public static CpuSample Take(int? serverPid)
    {
        var (busy, total, softIrq) = ProcCpu.MachineTicks();
        return new(Stopwatch.GetTimestamp(), serverPid is { } pid ? ProcCpu.ProcessTicks(pid) : null,
            ProcCpu.ProcessTicks(Environment.ProcessId), busy, total, softIrq);
    }
}

/// <summary>CPU spent between two samples: server, load tool and everything else on the machine, in seconds.</summary>
internal sealed record CpuUse(double WallSeconds, double? ServerSeconds, double? ToolSeconds, double MachineBusySeconds, double SoftIrqSeconds)
{
    public static CpuUse Between(CpuSample before, CpuSample after)
    {
        double? Seconds(long? a, long? b) => a is { } x && b is { } y ? (y - x) / (double)ProcCpu.TicksPerSecond : null;
        var wall = (after.Timestamp - before.Timestamp) / (double)Stopwatch.Frequency;
        return new(wall, Seconds(before.ServerTicks, after.ServerTicks), Seconds(before.ToolTicks, after.ToolTicks),
            (after.MachineBusy - before.MachineBusy) / (double)ProcCpu.TicksPerSecond, (after.SoftIrq - before.SoftIrq) / (double)ProcCpu.TicksPerSecond);
    }

    public double? ServerCores => ServerSeconds / WallSeconds;
    public double? ToolCores => ToolSeconds / WallSeconds;
    public double MachineCores => MachineBusySeconds / WallSeconds;
    public double SoftIrqCores => SoftIrqSeconds / WallSeconds;

    /// <summary>Below this the 10 ms ticks of /proc make a per-request figure rough (±1 tick is ±1 % of 1 s).</summary>
    public bool IsShort => WallSeconds < 1;

    /// <summary>Cores busy with neither the server nor this tool: other builds on a shared machine.</summary>
    public double OtherCores => Math.Max(0, MachineCores - (ServerCores ?? 0) - (ToolCores ?? 0));

    public double? ServerMicrosPer(long count) => count == 0 ? null : ServerSeconds * 1e6 / count;
    public double? ToolMicrosPer(long count) => count == 0 ? null : ToolSeconds * 1e6 / count;
}
