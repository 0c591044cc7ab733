namespace Daemon.InWorkspace;

/// <summary>A token bucket: up to <see cref="Burst"/> calls at once, refilled by <see cref="TokensPerPeriod"/> every <see cref="Period"/>.</summary>
public sealed class RateLimitOptions
{
    /// <summary>Calls allowed back to back.</summary>
    public int Burst { get; set; } = 4;

    /// <summary>Tokens added each period.</summary>
    public int TokensPerPeriod { get; set; } = 4;

    /// <summary>The refill period.</summary>
    public TimeSpan Period { get; set; } = TimeSpan.FromSeconds(10);
}
