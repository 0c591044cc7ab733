namespace Daemon.InWorkspace;

/// <summary>Configuration of the in-workspace service, bound from <c>Daemon:InWorkspace</c>.</summary>
public sealed class InWorkspaceOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Daemon:InWorkspace";

    /// <summary>Where the per-workspace sockets are created as <c>&lt;id&gt;.sock</c>.</summary>
    public string SocketDirectory { get; set; } = "/run/daemon/iws";

    /// <summary>Host uid ranges that WriteIDMapping may map to.</summary>
    public List<IdRange> UidRanges { get; set; } = [];

    /// <summary>Host gid ranges that WriteIDMapping may map to.</summary>
    public List<IdRange> GidRanges { get; set; } = [];

    /// <summary>The cgroup file system mount point.</summary>
    public string CGroupRoot { get; set; } = "/sys/fs/cgroup";

    /// <summary>The leaf EvacuateCGroup moves a workspace's processes into.</summary>
    public string EvacuationLeaf { get; set; } = "workspace";

    /// <summary>How long WorkspaceInfo samples CPU usage.</summary>
    public TimeSpan CpuSampleInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The daemon binary (apphost or dll) the namespace helper runs; empty for this process' own.</summary>
    public string? HelperPath { get; set; }

    /// <summary>Deadline for each external command (nsenter, ip, iptables).</summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>The token bucket for calls without an entry in <see cref="RateLimits"/>.</summary>
    public RateLimitOptions DefaultRateLimit { get; set; } = new();

    /// <summary>Token buckets by method name (e.g. WriteIDMapping).</summary>
    public Dictionary<string, RateLimitOptions> RateLimits { get; set; } = [];

    /// <summary>The veth pair's addressing.</summary>
    public NetworkOptions Network { get; set; } = new();

    /// <summary>Workspaces served from startup, in addition to those registered at run time.</summary>
    public List<WorkspaceRegistration> Workspaces { get; set; } = [];

    /// <summary>Problems with the configuration; empty when it is usable.</summary>
    public IEnumerable<string> Problems()
    {
        if (string.IsNullOrWhiteSpace(SocketDirectory) || !Path.IsPathRooted(SocketDirectory))
        {
            yield return "SocketDirectory must be an absolute path";
        }

        foreach (var range in UidRanges.Concat(GidRanges).Where(r => r.Size == 0 || (ulong)r.Start + r.Size > uint.MaxValue))
        {
            yield return $"id range {range.Start}+{range.Size} is empty or exceeds 2^32-1";
        }

        if (CpuSampleInterval <= TimeSpan.Zero || CpuSampleInterval > TimeSpan.FromSeconds(10))
        {
            yield return "CpuSampleInterval must be between 0 and 10 seconds";
        }

        foreach (var (name, limit) in RateLimits.Append(new("default", DefaultRateLimit)).Where(l => l.Value.Burst < 1 || l.Value.TokensPerPeriod < 1 || l.Value.Period <= TimeSpan.Zero))
        {
            yield return $"rate limit {name} needs a burst and tokens of at least 1 and a positive period";
        }

        foreach (var workspace in Workspaces)
        {
            if (workspace.Problem() is { } problem)
            {
                yield return problem;
            }
        }
    }
}
