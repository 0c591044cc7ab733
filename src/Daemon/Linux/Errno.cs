using System.Runtime.InteropServices;
using System.Text;
using Tmds.Linux;

namespace Daemon.Linux;

/// <summary>The errno values the daemon reacts to, and their text.</summary>
internal static class Errno
{
    public const int EPERM = 1;
    public const int ENOENT = 2;
    public const int ESRCH = 3;
    public const int EACCES = 13;
    public const int EBUSY = 16;
    public const int EEXIST = 17;
    public const int ENODEV = 19;
    public const int ENOTDIR = 20;
    public const int EINVAL = 22;

    /// <summary>The errno left by the last call on this thread.</summary>
    public static int Last => LibC.errno;

    /// <summary>The errno number followed by its description.</summary>
    public static unsafe string Describe(int errno)
    {
        var buffer = stackalloc byte[256];
        // The XSI variant fills the buffer; the GNU variant may return a static string instead.
        var rc = LibC.strerror_r(errno, buffer, 256);
        var text = rc == 0 ? Marshal.PtrToStringUTF8((nint)buffer) : null;
        return string.IsNullOrEmpty(text) ? $"errno {errno}" : $"{text} (errno {errno})";
    }

    /// <summary>Encodes a managed string as a NUL-terminated UTF-8 buffer.</summary>
    public static byte[] CString(string value) => Encoding.UTF8.GetBytes(value + "\0");
}
