using System.Runtime.InteropServices;
using System.Text;
using Tmds.Linux;
using static Tmds.Linux.LibC;

namespace Daemon.Archive;

/// <summary>Reads and sets the numeric owner of a path without following symlinks (.NET has no API for either).</summary>
internal static unsafe class FileOwnership
{
    /// <summary>True when this process may change owners.</summary>
    public static bool CanChown { get; } = geteuid() == 0;

    /// <summary>The uid and gid of a path itself (a symlink is not followed), and whether it is a regular file.</summary>
    public static (int Uid, int Gid, bool IsRegularFile) Get(string path)
    {
        var bytes = NullTerminated(path);
        statx buffer;
        fixed (byte* p = bytes)
        {
            if (statx(AT_FDCWD, p, AT_SYMLINK_NOFOLLOW, STATX_UID | STATX_GID | STATX_TYPE, &buffer) != 0)
                throw new IOException($"cannot stat '{path}': errno {Marshal.GetLastPInvokeError()}");
        }
        return ((int)buffer.stx_uid, (int)buffer.stx_gid, (buffer.stx_mode & S_IFMT) == S_IFREG);
    }

    /// <summary>Sets the owner of a path itself; a no-op when not running as root.</summary>
    public static void Set(string path, int uid, int gid)
    {
        if (!CanChown) return;
        var bytes = NullTerminated(path);
        fixed (byte* p = bytes)
        {
            if (lchown(p, (uint)uid, (uint)gid) != 0)
                throw new IOException($"cannot change the owner of '{path}': errno {Marshal.GetLastPInvokeError()}");
        }
    }

    private static byte[] NullTerminated(string path)
    {
        var bytes = new byte[Encoding.UTF8.GetByteCount(path) + 1];
        Encoding.UTF8.GetBytes(path, bytes);
        return bytes;
    }
}
