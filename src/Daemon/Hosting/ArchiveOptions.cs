namespace Daemon.Hosting;

/// <summary>
/// Owner mapping for archives (<c>Daemon:Archive</c>): files owned by host id <c>n</c> are archived
/// as <c>n - shift</c> and restored as <c>archived + shift</c>, so archives hold the ids seen
/// inside the workspace's user namespace.
/// </summary>
internal sealed class ArchiveOptions
{
    /// <summary>Host uid minus archived uid.</summary>
    public int UidShift { get; set; }

    /// <summary>Host gid minus archived gid.</summary>
    public int GidShift { get; set; }
}
