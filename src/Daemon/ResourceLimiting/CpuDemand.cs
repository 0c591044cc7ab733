namespace Daemon.ResourceLimiting;

/// <summary>What one workspace did since the last round.</summary>
/// <param name="Id">The workspace id.</param>
/// <param name="ThrottledPeriods">Periods in which it hit its limit since the last round.</param>
/// <param name="UsedMillicores">Its average CPU use since the last round.</param>
/// <param name="CurrentLimitMillicores">The limit it had during that time.</param>
internal sealed record CpuDemand(string Id, long ThrottledPeriods, long UsedMillicores, long CurrentLimitMillicores)
{
    /// <summary>
    /// A workspace wants more when the kernel throttled it, or when it uses most of a limit above
    /// the minimum (it is bursting and would be throttled again if cut back).
    /// </summary>
    public bool WantsMore(long minimum) =>
        ThrottledPeriods > 0 || (CurrentLimitMillicores > minimum && UsedMillicores * 10 >= CurrentLimitMillicores * 8);
}
