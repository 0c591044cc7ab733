using Daemon.Storage;

namespace Daemon.Content;

/// <summary>Takes snapshots and backups of AVAILABLE workspaces, serialized with every other operation on them.</summary>
internal sealed class WorkspaceArchiving(WorkspaceRegistry registry, ArchiveTransfer transfer, TimeProvider clock, ILogger<WorkspaceArchiving> logger)
{
    /// <summary>Archives the workspace as a new snapshot; with <paramref name="returnImmediately"/> the upload continues in the background.</summary>
    public async Task<string> SnapshotAsync(string? id, bool returnImmediately, CancellationToken cancellationToken)
    {
        var workspace = Lookup(id);
        var key = StorageKeys.Snapshot(workspace.Id, clock.GetUtcNow());
        // The gate is taken before returning, so an operation that comes after this call also runs after the snapshot.
        await AcquireAvailableAsync(workspace, cancellationToken);
        if (!returnImmediately) return await UploadHoldingGateAsync(workspace, key, cancellationToken);

        var url = transfer.UrlOf(key);
        _ = Task.Run(async () =>
        {
            try
            {
                await UploadHoldingGateAsync(workspace, key, CancellationToken.None);
            }
            catch (Exception e)
            {
                ContentLog.SnapshotFailed(logger, e, workspace.Id, url);
            }
        }, CancellationToken.None);
        return url;
    }

    /// <summary>Archives the workspace as its backup, replacing an older one.</summary>
    public async Task<string> BackupAsync(string? id, CancellationToken cancellationToken)
    {
        var workspace = Lookup(id);
        await AcquireAvailableAsync(workspace, cancellationToken);
        return await UploadHoldingGateAsync(workspace, StorageKeys.Backup(workspace.Id), cancellationToken);
    }

    private static async Task AcquireAvailableAsync(Workspace workspace, CancellationToken cancellationToken)
    {
        await workspace.Gate.WaitAsync(cancellationToken);
        try
        {
            WorkspaceLifecycle.RequireAvailable(workspace);
        }
        catch
        {
            workspace.Gate.Release();
            throw;
        }
    }

    private Workspace Lookup(string? id)
    {
        var workspace = registry.Get(WorkspaceIds.Require(id));
        if (workspace.RemoteStorageDisabled)
            throw ContentException.Precondition("remote storage is disabled for this workspace");
        return workspace;
    }

    // Releases the gate the caller acquired, whatever happens.
    private async Task<string> UploadHoldingGateAsync(Workspace workspace, string key, CancellationToken cancellationToken)
    {
        try
        {
            var url = await transfer.UploadAsync(workspace.Directory, key, cancellationToken);
            ContentLog.Archived(logger, workspace.Id, url);
            return url;
        }
        finally
        {
            workspace.Gate.Release();
        }
    }
}
