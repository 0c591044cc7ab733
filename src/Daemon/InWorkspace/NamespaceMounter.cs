using Daemon.Linux;

namespace Daemon.InWorkspace;

/// <summary>Mounts and unmounts proc, sysfs and NFS inside a workspace process' namespaces.</summary>
internal sealed class NamespaceMounter(WorkspacePids pids, NamespaceHelperLauncher launcher)
{
    /// <summary>Validates the request, mounts through the helper and remembers the mount for teardown.</summary>
    public async Task MountAsync(WorkspaceSession session, NamespaceOperation kind, long pid, string target, IReadOnlyList<string> extra, CancellationToken cancellationToken)
    {
        if (TargetPath.Problem(target) is { } problem)
        {
            throw Failures.Invalid(problem);
        }

        var hostPid = pids.Resolve(session, pid);
        await session.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (session.Mounts.Any(m => m.HostPid == hostPid && m.Target == target))
            {
                throw new Grpc.Core.RpcException(new Grpc.Core.Status(Grpc.Core.StatusCode.AlreadyExists, $"{target} is already mounted by this service"));
            }

            await Run(hostPid, kind, target, extra, cancellationToken).ConfigureAwait(false);
            session.AddMount(new WorkspaceMount(kind, hostPid, target));
        }
        finally
        {
            session.Gate.Release();
        }
    }

    /// <summary>Unmounts a mount this service made; NotFound for anything else.</summary>
    public async Task UnmountAsync(WorkspaceSession session, NamespaceOperation kind, long pid, string target, CancellationToken cancellationToken)
    {
        if (TargetPath.Problem(target) is { } problem)
        {
            throw Failures.Invalid(problem);
        }

        var hostPid = pids.Resolve(session, pid);
        await session.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Only mounts made here may be removed, so a workspace cannot unmount what hides host state.
            var mount = session.Mounts.FirstOrDefault(m => m.Kind == kind && m.Target == target && m.HostPid == hostPid);
            if (mount is null)
            {
                throw new Grpc.Core.RpcException(new Grpc.Core.Status(Grpc.Core.StatusCode.NotFound, $"no {kind} mount at {target}"));
            }

            await Run(hostPid, NamespaceOperation.Unmount, target, [], cancellationToken).ConfigureAwait(false);
            session.RemoveMount(mount);
        }
        finally
        {
            session.Gate.Release();
        }
    }

    /// <summary>Detaches a remembered mount during teardown; false when it could not be removed.</summary>
    public async Task<bool> TryUndoAsync(WorkspaceMount mount, CancellationToken cancellationToken)
    {
        try
        {
            await launcher.RunAsync(mount.HostPid, NamespaceOperation.Unmount, mount.Target, [], false, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (SysCallException e) when (e.ErrorNumber is Errno.ESRCH)
        {
            // The process and its mount namespace are gone, and the mount with them.
            return true;
        }
        catch (SysCallException)
        {
            return false;
        }
    }

    private async Task Run(int hostPid, NamespaceOperation kind, string target, IReadOnlyList<string> extra, CancellationToken cancellationToken)
    {
        try
        {
            // sysfs shows the network devices of the mounting process' network namespace.
            await launcher.RunAsync(hostPid, kind, target, extra, kind == NamespaceOperation.MountSysfs, cancellationToken).ConfigureAwait(false);
        }
        catch (SysCallException e)
        {
            throw Failures.From(e);
        }
    }
}
