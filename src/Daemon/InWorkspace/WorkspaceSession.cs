using Daemon.Linux;

namespace Daemon.InWorkspace;

/// <summary>
/// The live state of one served workspace: its registration, rate limits and everything set up
/// for it. Operations on one workspace are serialized through <see cref="Gate"/>.
/// </summary>
internal sealed class WorkspaceSession(WorkspaceRegistration registration, WorkspaceRateLimiter limiter) : IDisposable
{
    private readonly List<WorkspaceMount> mounts = [];

    /// <summary>The registration the session was created from.</summary>
    public WorkspaceRegistration Registration { get; } = registration;

    /// <summary>The workspace's call budget.</summary>
    public WorkspaceRateLimiter Limiter { get; } = limiter;

    /// <summary>Serializes state-changing operations.</summary>
    public SemaphoreSlim Gate { get; } = new(1, 1);

    /// <summary>Mounts made inside the workspace, oldest first.</summary>
    public IReadOnlyList<WorkspaceMount> Mounts => mounts;

    /// <summary>The veth pair set up for the workspace, if any.</summary>
    public VethPlan? Veth { get; set; }

    /// <summary>True when PrepareForUserNS made the content directory a shared mount.</summary>
    public bool RootShared { get; set; }

    /// <summary>Remembers a mount.</summary>
    public void AddMount(WorkspaceMount mount) => mounts.Add(mount);

    /// <summary>Forgets a mount; false when unknown.</summary>
    public bool RemoveMount(WorkspaceMount mount) => mounts.Remove(mount);

    /// <summary>Forgets all mounts.</summary>
    public void ClearMounts() => mounts.Clear();

    /// <inheritdoc />
    public void Dispose()
    {
        Gate.Dispose();
        Limiter.Dispose();
    }
}
