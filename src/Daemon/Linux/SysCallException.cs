namespace Daemon.Linux;

/// <summary>A Linux system call failed; carries the errno so callers can map it to a status.</summary>
internal sealed class SysCallException : Exception
{
    /// <summary>Creates the exception for a failed call.</summary>
    public SysCallException(string call, string subject, int errno)
        : base($"{call}({subject}) failed: {Errno.Describe(errno)}")
    {
        Call = call;
        ErrorNumber = errno;
    }

    /// <summary>The name of the failed call.</summary>
    public string Call { get; }

    /// <summary>The errno value reported by the kernel.</summary>
    public int ErrorNumber { get; }
}
