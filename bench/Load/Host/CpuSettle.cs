namespace Facade.Load.Host;

/// <summary>
/// Waits until a process is idle: its CPU time grows by less than a threshold over a short
/// window. Used before and after a measured transfer, so background work (tiered JIT after a
/// warm-up, a proxy's second fetch for its store, a commit) is not charged to the wrong phase.
/// </summary>
internal static class CpuSettle
{
    private static readonly TimeSpan Window = TimeSpan.FromMilliseconds(500);
    private const double IdleCpuSeconds = 0.02;

    /// <summary>Returns once idle or after <paramref name="limit"/>; true when idle was seen.</summary>
    public static async Task<bool> WaitIdleAsync(int pid, TimeSpan limit, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + limit;
        var before = ProcessCpu.Seconds(pid);
        while (DateTime.UtcNow < deadline)
        {
            await Task.Delay(Window, ct);
            var now = ProcessCpu.Seconds(pid);
            if (now - before < IdleCpuSeconds) return true;
            before = now;
        }
        return false;
    }
}
