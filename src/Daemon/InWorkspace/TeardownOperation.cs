using Daemon.Linux;
using Microsoft.Extensions.Logging;

namespace Daemon.InWorkspace;

/// <summary>Undoes everything the service set up for a workspace: mounts, the veth pair, the shared content mount.</summary>
internal sealed partial class TeardownOperation(NamespaceMounter mounter, VethPairs veths, ILogger<TeardownOperation> logger)
{
    /// <summary>Tears down; true when every step succeeded. With <paramref name="wipe"/> the content directory is emptied too.</summary>
    public async Task<bool> RunAsync(WorkspaceSession session, bool wipe, CancellationToken cancellationToken)
    {
        var success = true;
        await session.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            foreach (var mount in session.Mounts.Reverse())
            {
                if (!await mounter.TryUndoAsync(mount, cancellationToken).ConfigureAwait(false))
                {
                    LogStepFailed(session.Registration.Id, $"unmount {mount.Target}");
                    success = false;
                }
            }

            session.ClearMounts();
            if (session.Veth is { } plan)
            {
                await veths.TeardownAsync(plan, cancellationToken).ConfigureAwait(false);
                session.Veth = null;
            }

            success &= UnshareRoot(session);
            if (wipe && session.Registration.RootDirectory is { } root && Directory.Exists(root))
            {
                success &= Wipe(session.Registration.Id, root);
            }

            return success;
        }
        finally
        {
            session.Gate.Release();
        }
    }

    private bool UnshareRoot(WorkspaceSession session)
    {
        if (!session.RootShared || session.Registration.RootDirectory is not { } root)
        {
            return true;
        }

        try
        {
            Mounts.Unmount(root, Mounts.Detach);
            session.RootShared = false;
            return true;
        }
        catch (SysCallException e)
        {
            LogStepFailed(session.Registration.Id, e.Message);
            return false;
        }
    }

    private bool Wipe(string id, string root)
    {
        try
        {
            foreach (var entry in new DirectoryInfo(root).EnumerateFileSystemInfos())
            {
                if (entry is DirectoryInfo directory && directory.LinkTarget is null)
                {
                    directory.Delete(recursive: true);
                }
                else
                {
                    entry.Delete();
                }
            }

            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogStepFailed(id, $"wipe {root}: {e.Message}");
            return false;
        }
    }

    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning, Message = "Teardown of workspace {WorkspaceId}: {Step} failed")]
    private partial void LogStepFailed(string workspaceId, string step);
}
