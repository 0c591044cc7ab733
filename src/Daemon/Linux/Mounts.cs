using Tmds.Linux;

namespace Daemon.Linux;

/// <summary>mount(2) and umount2(2) through Tmds.LibC, failing with <see cref="SysCallException"/>.</summary>
internal static class Mounts
{
    public const ulong ReadOnly = 1;       // MS_RDONLY
    public const ulong NoSuid = 2;         // MS_NOSUID
    public const ulong NoDev = 4;          // MS_NODEV
    public const ulong NoExec = 8;         // MS_NOEXEC
    public const ulong Remount = 32;       // MS_REMOUNT
    public const ulong Bind = 4096;        // MS_BIND
    public const ulong Move = 8192;        // MS_MOVE
    public const ulong Recursive = 16384;  // MS_REC
    public const ulong Shared = 1 << 20;   // MS_SHARED
    public const int Detach = 2;           // MNT_DETACH

    /// <summary>Calls mount(2).</summary>
    public static unsafe void Mount(string? source, string target, string? fsType, ulong flags, string? data = null)
    {
        var src = source is null ? null : Errno.CString(source);
        var dst = Errno.CString(target);
        var type = fsType is null ? null : Errno.CString(fsType);
        var opts = data is null ? null : Errno.CString(data);
        fixed (byte* s = src, d = dst, t = type, o = opts)
        {
            if (LibC.mount(s, d, t, (ulong_t)flags, o) != 0)
            {
                throw new SysCallException("mount", $"{fsType ?? "bind"} {source} -> {target}", Errno.Last);
            }
        }
    }

    /// <summary>Calls umount2(2).</summary>
    public static unsafe void Unmount(string target, int flags)
    {
        var dst = Errno.CString(target);
        fixed (byte* d = dst)
        {
            if (LibC.umount2(d, flags) != 0)
            {
                throw new SysCallException("umount2", target, Errno.Last);
            }
        }
    }
}
