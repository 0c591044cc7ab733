using Daemon.Content.Git;
using Daemon.Content.Initializers;
using Daemon.Hosting;
using Daemon.Protos.ContentService;
using Daemon.Protos.WsDaemon;
using Daemon.Storage;
using Grpc.Core;

namespace Daemon.Content;

/// <summary>Creates, awaits and disposes workspaces: NONE -> SETTING_UP -> AVAILABLE -> WRAPPING_UP -> gone.</summary>
internal sealed class WorkspaceLifecycle(
    DaemonOptions options,
    WorkspaceRegistry registry,
    InitializerValidator validator,
    InitializerRunner runner,
    ArchiveTransfer transfer,
    GitStatusReader gitStatus,
    ILogger<WorkspaceLifecycle> logger)
{
    /// <summary>Initializes a new workspace; on failure nothing of it remains.</summary>
    public async Task InitAsync(InitWorkspaceRequest request, CancellationToken cancellationToken)
    {
        var id = WorkspaceIds.Require(request.Id);
        if (request.Initializer is null) throw ContentException.Invalid("an initializer is required");
        validator.Validate(request.Initializer);
        if (request.StorageQuotaBytes < 0) throw ContentException.Invalid("storage_quota_bytes must not be negative");

        var workspace = new Workspace(id, Path.Combine(options.WorkingArea, id), request.RemoteStorageDisabled, request.Metadata);
        if (!registry.TryAdd(workspace))
            throw new ContentException(StatusCode.AlreadyExists, $"workspace '{id}' already exists");
        if (Path.Exists(workspace.Directory))
        {
            registry.Remove(workspace);
            throw new ContentException(StatusCode.AlreadyExists, $"content of workspace '{id}' already exists on disk");
        }

        await workspace.Gate.WaitAsync(CancellationToken.None);
        try
        {
            workspace.State = WorkspaceContentState.SettingUp;
            Directory.CreateDirectory(workspace.Directory);
            var source = await runner.RunAsync(workspace, request.Initializer, cancellationToken);
            if (request.StorageQuotaBytes > 0 && DirectorySize.Of(workspace.Directory) is var size && size > request.StorageQuotaBytes)
                throw new ContentException(StatusCode.ResourceExhausted, $"content of {size} bytes exceeds the quota of {request.StorageQuotaBytes} bytes");
            await ReadyMarker.WriteAsync(workspace.Directory, source, cancellationToken);
            workspace.State = WorkspaceContentState.Available;
            workspace.Initialized.TrySetResult();
            ContentLog.Initialized(logger, id, source);
        }
        catch (Exception e)
        {
            ContentLog.InitFailed(logger, id, e.Message);
            workspace.State = WorkspaceContentState.None;
            DeleteContent(workspace.Directory);
            registry.Remove(workspace);
            workspace.Initialized.TrySetException(e);
            // Waiters may be absent; observing the exception keeps it from surfacing as unobserved.
            _ = workspace.Initialized.Task.Exception;
            throw;
        }
        finally
        {
            workspace.Gate.Release();
        }
    }

    /// <summary>Returns when the workspace is initialized; rethrows its initialization failure.</summary>
    public Task WaitAsync(string? id, CancellationToken cancellationToken) =>
        registry.Get(WorkspaceIds.Require(id)).Initialized.Task.WaitAsync(cancellationToken);

    /// <summary>True when the daemon knows the workspace.</summary>
    public bool Exists(string? id) => registry.Contains(WorkspaceIds.Require(id));

    /// <summary>Optionally backs up, reads the Git status and removes the workspace.</summary>
    public async Task<GitStatus?> DisposeAsync(string? id, bool backup, CancellationToken cancellationToken)
    {
        var workspace = registry.Get(WorkspaceIds.Require(id));
        await workspace.Gate.WaitAsync(cancellationToken);
        try
        {
            RequireAvailable(workspace);
            if (backup && workspace.RemoteStorageDisabled)
                throw ContentException.Precondition("remote storage is disabled for this workspace; it cannot be backed up");
            workspace.State = WorkspaceContentState.WrappingUp;
            var status = await gitStatus.TryReadAsync(workspace, cancellationToken);
            if (backup)
            {
                try
                {
                    await transfer.UploadAsync(workspace.Directory, StorageKeys.Backup(workspace.Id), cancellationToken);
                }
                catch
                {
                    // The content stays when the final backup fails, so a retry can still save it.
                    workspace.State = WorkspaceContentState.Available;
                    throw;
                }
            }
            DeleteContent(workspace.Directory);
            registry.Remove(workspace);
            workspace.State = WorkspaceContentState.None;
            ContentLog.Disposed(logger, workspace.Id, backup);
            return status;
        }
        finally
        {
            workspace.Gate.Release();
        }
    }

    /// <summary>Throws unless the workspace (held under its gate) is still AVAILABLE.</summary>
    public static void RequireAvailable(Workspace workspace)
    {
        if (workspace.State == WorkspaceContentState.None)
            throw ContentException.NotFound($"workspace '{workspace.Id}' does not exist");
        if (workspace.State != WorkspaceContentState.Available)
            throw ContentException.Precondition($"workspace '{workspace.Id}' is {workspace.State}, not AVAILABLE");
    }

    private static void DeleteContent(string directory)
    {
        if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
    }
}
