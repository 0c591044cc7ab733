using Daemon.Hosting;

namespace Daemon.Archive;

/// <summary>Translates owners between host ids and archived ids by the configured shifts.</summary>
internal sealed record OwnerMapping(int UidShift, int GidShift)
{
    /// <summary>The mapping configured under <c>Daemon:Archive</c>.</summary>
    public static OwnerMapping From(ArchiveOptions options) => new(options.UidShift, options.GidShift);

    /// <summary>Host ids to archived ids; ids below the shift (host-only owners) archive as 0.</summary>
    public (int Uid, int Gid) ToArchive(int uid, int gid) => (Math.Max(0, uid - UidShift), Math.Max(0, gid - GidShift));

    /// <summary>Archived ids to host ids.</summary>
    public (int Uid, int Gid) ToHost(int uid, int gid) => (uid + UidShift, gid + GidShift);
}
