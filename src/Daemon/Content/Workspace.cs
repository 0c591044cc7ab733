using Daemon.Protos.WsDaemon;

namespace Daemon.Content;

/// <summary>
/// One workspace known to the daemon. <see cref="Gate"/> serializes every operation that reads or
/// changes the content; <see cref="State"/> may be read without it.
/// </summary>
internal sealed class Workspace(string id, string directory, bool remoteStorageDisabled, WorkspaceMetadata? metadata)
{
    private volatile WorkspaceContentState _state = WorkspaceContentState.None;

    /// <summary>The workspace id (also its directory name).</summary>
    public string Id { get; } = id;

    /// <summary>Absolute content directory.</summary>
    public string Directory { get; } = directory;

    /// <summary>Backups and snapshots are refused when set.</summary>
    public bool RemoteStorageDisabled { get; } = remoteStorageDisabled;

    /// <summary>Owner and meta id as given at initialization.</summary>
    public WorkspaceMetadata? Metadata { get; } = metadata;

    /// <summary>Held by whoever reads or changes the content.</summary>
    public SemaphoreSlim Gate { get; } = new(1, 1);

    /// <summary>Completes when initialization ends, faulted with the failure if it failed.</summary>
    public TaskCompletionSource Initialized { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Checkout locations of Git repositories created by the initializer, relative to the root.</summary>
    public List<string> GitLocations { get; } = [];

    /// <summary>The content state.</summary>
    public WorkspaceContentState State
    {
        get => _state;
        set => _state = value;
    }
}
