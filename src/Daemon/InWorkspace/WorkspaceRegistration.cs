namespace Daemon.InWorkspace;

/// <summary>What the daemon knows about a workspace it serves.</summary>
public sealed class WorkspaceRegistration
{
    /// <summary>The workspace id; letters, digits, '-' and '_' only (it names the socket).</summary>
    public string Id { get; set; } = string.Empty;

    /// <summary>Host pid of the workspace's root process; pids in requests are resolved against its PID namespace.</summary>
    public int OwnerPid { get; set; }

    /// <summary>The workspace's content directory on the host, if any.</summary>
    public string? RootDirectory { get; set; }

    /// <summary>The workspace's cgroup relative to the cgroup root, if any.</summary>
    public string? CGroupPath { get; set; }

    /// <summary>The socket path; defaults to &lt;SocketDirectory&gt;/&lt;Id&gt;.sock.</summary>
    public string? SocketPath { get; set; }

    /// <summary>Null when the registration is usable, else the reason.</summary>
    public string? Problem()
    {
        if (Id.Length is 0 or > 64 || !Id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            return $"workspace id '{Id}' must be 1-64 letters, digits, '-' or '_'";
        }

        if (OwnerPid <= 0)
        {
            return $"workspace {Id}: OwnerPid must be a positive host pid";
        }

        if (CGroupPath is not null && Linux.CGroups.CGroupLayout.Problem(CGroupPath) is { } cgroup)
        {
            return $"workspace {Id}: {cgroup}";
        }

        return RootDirectory is not null && !Path.IsPathRooted(RootDirectory) ? $"workspace {Id}: RootDirectory must be absolute" : null;
    }
}
