using System.Text;
using Daemon.Protos.ContentService;
using Daemon.Protos.WsDaemon;
using Daemon.Tests.Content.Support;
using static Daemon.Tests.Content.WorkspaceRequests;

namespace Daemon.Tests.Storage;

/// <summary>
/// Backups and snapshots through the daemon's gRPC API into a storage backend, restored into
/// fresh workspaces byte for byte. Run once per backend.
/// </summary>
public abstract class BackupRestoreContract : IAsyncLifetime
{
    private readonly SourceRepository _repo = new();
    private DaemonServer? _daemon;

    /// <summary>Daemon settings selecting the backend.</summary>
    protected abstract Dictionary<string, string?> Settings { get; }

    /// <summary>Why the backend is unavailable.</summary>
    protected abstract string? SkipReason { get; }

    public async Task InitializeAsync()
    {
        if (SkipReason is null) _daemon = await DaemonServer.StartAsync(Settings);
    }

    public async Task DisposeAsync()
    {
        if (_daemon is not null) await _daemon.DisposeAsync();
        _repo.Dispose();
    }

    [SkippableFact]
    public async Task DisposeWithBackupThenInitRestoresTheBackupOverTheInitializer()
    {
        Skip.If(SkipReason is not null, SkipReason);
        var daemon = _daemon!;
        await daemon.Client.InitWorkspaceAsync(Init("ws-bk", Git(_repo.Url)));
        var root = daemon.WorkspacePath("ws-bk");
        AddVariedContent(root);
        var before = TreeListing.Of(root, ".gitpod/ready");

        var disposed = await daemon.Client.DisposeWorkspaceAsync(new DisposeWorkspaceRequest { Id = "ws-bk", Backup = true });
        Assert.Equal("main", disposed.GitStatus.Branch);
        Assert.False(Directory.Exists(root));

        // The backup wins over the (empty) initializer.
        await daemon.Client.InitWorkspaceAsync(Init("ws-bk", Empty()));

        Assert.Equal(before, TreeListing.Of(root, ".gitpod/ready"));
        Assert.Equal("{\"source\":\"from-backup\"}", File.ReadAllText(Path.Combine(root, ".gitpod", "ready")));
        Assert.Equal(_repo.MainHead, Content.Support.Git.Run(Path.Combine(root, "repo"), "rev-parse", "HEAD"));
    }

    [SkippableFact]
    public async Task SnapshotRestoresIntoAnotherWorkspace()
    {
        Skip.If(SkipReason is not null, SkipReason);
        var daemon = _daemon!;
        await daemon.Client.InitWorkspaceAsync(Init("ws-src", Git(_repo.Url, CloneTargetMode.RemoteBranch, "feature")));
        AddVariedContent(daemon.WorkspacePath("ws-src"));
        var before = TreeListing.Of(daemon.WorkspacePath("ws-src"), ".gitpod/ready");

        var url = (await daemon.Client.TakeSnapshotAsync(new TakeSnapshotRequest { Id = "ws-src" })).Url;
        var snapshot = new WorkspaceInitializer { Snapshot = new SnapshotInitializer { Snapshot = url } };
        await daemon.Client.InitWorkspaceAsync(Init("ws-copy", snapshot));

        Assert.Equal(before, TreeListing.Of(daemon.WorkspacePath("ws-copy"), ".gitpod/ready"));
    }

    [SkippableFact]
    public async Task CorruptStoredArchiveIsDataLoss()
    {
        Skip.If(SkipReason is not null, SkipReason);
        var daemon = _daemon!;
        var url = await StoreGarbageAsync(daemon);
        if (url is null) return;
        var snapshot = new WorkspaceInitializer { Snapshot = new SnapshotInitializer { Snapshot = url } };

        var error = await Assert.ThrowsAsync<Grpc.Core.RpcException>(async () => await daemon.Client.InitWorkspaceAsync(Init("ws-corrupt", snapshot)));

        Assert.Equal(Grpc.Core.StatusCode.DataLoss, error.StatusCode);
        Assert.False(Directory.Exists(daemon.WorkspacePath("ws-corrupt")));
    }

    /// <summary>Puts a corrupt archive into the backend and returns its URL (null when the backend cannot be tampered with).</summary>
    private protected abstract Task<string?> StoreGarbageAsync(DaemonServer daemon);

    /// <summary>Adds an executable, a symlink, an empty directory, binary data and a read-only file.</summary>
    internal static void AddVariedContent(string root)
    {
        Directory.CreateDirectory(Path.Combine(root, "empty-dir"));
        Directory.CreateDirectory(Path.Combine(root, "deep", "er", "still"));
        File.WriteAllBytes(Path.Combine(root, "deep", "er", "still", "blob.bin"), Enumerable.Range(0, 70_000).Select(i => (byte)(i * 31)).ToArray());
        File.WriteAllText(Path.Combine(root, "run.sh"), "#!/bin/sh\nexit 0\n", Encoding.UTF8);
        File.SetUnixFileMode(Path.Combine(root, "run.sh"), (UnixFileMode)0b111_101_000);
        File.WriteAllText(Path.Combine(root, "readonly.txt"), "do not touch\n");
        File.SetUnixFileMode(Path.Combine(root, "readonly.txt"), (UnixFileMode)0b100_100_100);
        File.CreateSymbolicLink(Path.Combine(root, "link-to-readme"), "repo/README.md");
        File.CreateSymbolicLink(Path.Combine(root, "dangling"), "/nonexistent/target");
    }
}
