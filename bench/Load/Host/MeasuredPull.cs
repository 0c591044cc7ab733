namespace Facade.Load.Host;

/// <summary>
/// One measured pull and the server CPU it cost: page-cache pages recycled for what the server will
/// write (<see cref="PageRecycler"/>), the server idle before the pull starts and again after it
/// ends, so work the pull caused after its last byte (a commit, a proxy's second fetch) is in its
/// figure and nothing earlier is.
/// </summary>
internal static class MeasuredPull
{
    private static readonly TimeSpan SettleLimit = TimeSpan.FromSeconds(20);

    /// <summary>Runs <paramref name="pull"/>; <paramref name="atStart"/> runs once the server is idle (reset counters).</summary>
    public static async Task<(T Result, double CpuSeconds)> RunAsync<T>(int pid, long bytesWritten, Action? atStart, Func<Task<T>> pull, CancellationToken ct)
    {
        PageRecycler.Recycle(Path.GetTempPath(), bytesWritten);
        await CpuSettle.WaitIdleAsync(pid, SettleLimit, ct);
        atStart?.Invoke();
        var cpu = ProcessCpu.Seconds(pid);
        var result = await pull();
        await CpuSettle.WaitIdleAsync(pid, SettleLimit, ct);
        return (result, ProcessCpu.Seconds(pid) - cpu);
    }
}
