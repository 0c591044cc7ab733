namespace Daemon.ResourceLimiting;

/// <summary>Configuration of CPU distribution, bound from <c>Daemon:ResourceLimiting</c>.</summary>
public sealed class ResourceLimitingOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Daemon:ResourceLimiting";

    /// <summary>Whether the limiter runs.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Time between distribution rounds.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>CPU shared by all workspaces, in millicores; 0 means all CPUs of the host.</summary>
    public long TotalMillicores { get; set; }

    /// <summary>What every workspace gets.</summary>
    public long MinimumMillicores { get; set; } = 500;

    /// <summary>The most a workspace that shows demand may get.</summary>
    public long BurstMillicores { get; set; } = 2000;

    /// <summary>Problems with the configuration; empty when usable.</summary>
    public IEnumerable<string> Problems()
    {
        if (Interval < TimeSpan.FromMilliseconds(100))
        {
            yield return "Interval must be at least 100 ms";
        }

        if (TotalMillicores < 0 || MinimumMillicores < 10 || BurstMillicores < MinimumMillicores)
        {
            yield return "TotalMillicores must be >= 0, MinimumMillicores >= 10 and BurstMillicores >= MinimumMillicores";
        }
    }
}
