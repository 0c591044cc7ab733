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
    public const ulong Private = 1 << 18;  // MS_PRIVATE
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

    /// <summary>True when <paramref name="path"/> is a mount point in the caller's mount namespace.</summary>
    public static bool IsMountPoint(string path)
    {
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        foreach (var line in File.ReadLines("/proc/self/mountinfo"))
        {
            var fields = line.Split(' ');
            if (fields.Length > 4 && UnescapeMountInfo(fields[4]) == full)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>mountinfo escapes blanks and backslashes as octal sequences.</summary>
    public static string UnescapeMountInfo(string field) =>
        field.Replace("\\040", " ").Replace("\\011", "\t").Replace("\\012", "\n").Replace("\\134", "\\");
}
