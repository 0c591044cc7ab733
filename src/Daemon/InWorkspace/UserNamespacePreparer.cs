using Daemon.InWorkspace.Api;
using Daemon.Linux;

namespace Daemon.InWorkspace;

/// <summary>
/// PrepareForUserNS: makes the workspace's content directory a shared bind mount, so mounts made
/// below it propagate into the nested user and mount namespace, and reports idmapped mounts as the
/// ID shift method (supported by every kernel this daemon targets).
/// </summary>
internal sealed class UserNamespacePreparer(WorkspacePids pids)
{
    /// <summary>Prepares the workspace; the user namespace pid, when given, must belong to it.</summary>
    public async Task<PrepareForUserNSResponse> PrepareAsync(WorkspaceSession session, long usernsPid, CancellationToken cancellationToken)
    {
        if (usernsPid != 0)
        {
            pids.Resolve(session, usernsPid);
        }

        var root = session.Registration.RootDirectory;
        await session.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (root is not null && !session.RootShared)
            {
                if (!Directory.Exists(root))
                {
                    throw Failures.Precondition($"content directory {root} does not exist");
                }

                Mounts.Mount(root, root, null, Mounts.Bind | Mounts.Recursive);
                session.RootShared = true;
                Mounts.Mount(null, root, null, Mounts.Shared | Mounts.Recursive);
            }

            return new PrepareForUserNSResponse { FsShift = FSShiftMethod.Idmapped, PersistentVolumeClaim = false };
        }
        catch (SysCallException e)
        {
            throw Failures.From(e);
        }
        finally
        {
            session.Gate.Release();
        }
    }
}
