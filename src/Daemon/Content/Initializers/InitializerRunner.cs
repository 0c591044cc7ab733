using Daemon.Content.Git;
using Daemon.Protos.ContentService;
using Daemon.Storage;
using Grpc.Core;

namespace Daemon.Content.Initializers;

/// <summary>Runs a validated initializer into a workspace directory and says where the content came from.</summary>
internal sealed class InitializerRunner(ArchiveTransfer transfer, GitCheckout git, FileDownloader downloads, ILogger<InitializerRunner> logger)
{
    /// <summary>Restores the workspace's backup when one exists (it wins over any initializer), otherwise runs the initializer.</summary>
    public async Task<string> RunAsync(Workspace workspace, WorkspaceInitializer initializer, CancellationToken cancellationToken)
    {
        if (!workspace.RemoteStorageDisabled && await transfer.TryRestoreAsync(StorageKeys.Backup(workspace.Id), workspace.Directory, cancellationToken))
            return ContentSource.FromBackup;
        return await RunSpecAsync(workspace, initializer, cancellationToken);
    }

    private async Task<string> RunSpecAsync(Workspace workspace, WorkspaceInitializer initializer, CancellationToken cancellationToken)
    {
        switch (initializer.SpecCase)
        {
            case WorkspaceInitializer.SpecOneofCase.Git:
                await git.CloneAsync(workspace, initializer.Git, cancellationToken);
                return ContentSource.FromOther;
            case WorkspaceInitializer.SpecOneofCase.Snapshot:
                RequireRemoteStorage(workspace);
                if (!await transfer.TryRestoreAsync(transfer.KeyOf(initializer.Snapshot.Snapshot), workspace.Directory, cancellationToken))
                    throw ContentException.NotFound($"snapshot '{initializer.Snapshot.Snapshot}' does not exist");
                return ContentSource.FromOther;
            case WorkspaceInitializer.SpecOneofCase.Prebuild:
                return await RunPrebuildAsync(workspace, initializer.Prebuild, cancellationToken);
            case WorkspaceInitializer.SpecOneofCase.Composite:
                var source = ContentSource.FromOther;
                foreach (var child in initializer.Composite.Initializer)
                    if (await RunSpecAsync(workspace, child, cancellationToken) is var childSource && childSource != ContentSource.FromOther)
                        source = childSource;
                return source;
            case WorkspaceInitializer.SpecOneofCase.Download:
                await downloads.RunAsync(workspace.Directory, initializer.Download, cancellationToken);
                return ContentSource.FromOther;
            case WorkspaceInitializer.SpecOneofCase.Backup:
                // Reaching this point means the backup lookup in RunAsync found nothing.
                RequireRemoteStorage(workspace);
                throw ContentException.NotFound($"workspace '{workspace.Id}' has no backup");
            default:
                return ContentSource.FromOther;
        }
    }

    private async Task<string> RunPrebuildAsync(Workspace workspace, PrebuildInitializer prebuild, CancellationToken cancellationToken)
    {
        var restored = false;
        if (!workspace.RemoteStorageDisabled && prebuild.Prebuild is { Snapshot.Length: > 0 } snapshot)
        {
            try
            {
                restored = await transfer.TryRestoreAsync(transfer.KeyOf(snapshot.Snapshot), workspace.Directory, cancellationToken);
            }
            catch (ContentException e) when (e.Code is StatusCode.DataLoss or StatusCode.Unavailable)
            {
                ContentLog.PrebuildFallback(logger, workspace.Id, e.Message);
                ClearDirectory(workspace.Directory);
            }
        }
        foreach (var init in prebuild.Git)
        {
            if (restored) await git.UpdateAsync(workspace, init, cancellationToken);
            else await git.CloneAsync(workspace, init, cancellationToken);
        }
        return restored ? ContentSource.FromPrebuild : ContentSource.FromOther;
    }

    private static void RequireRemoteStorage(Workspace workspace)
    {
        if (workspace.RemoteStorageDisabled)
            throw ContentException.Precondition("remote storage is disabled for this workspace");
    }

    private static void ClearDirectory(string directory)
    {
        foreach (var entry in new DirectoryInfo(directory).EnumerateFileSystemInfos())
        {
            if (entry is DirectoryInfo dir && dir.LinkTarget is null) dir.Delete(recursive: true);
            else entry.Delete();
        }
    }
}
