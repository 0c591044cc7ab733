using Daemon.Protos.ContentService;
using Daemon.Protos.WsDaemon;
using Daemon.Tests.Content.Support;
using Daemon.Tests.Storage;
using Grpc.Core;
using static Daemon.Tests.Content.WorkspaceRequests;

namespace Daemon.Tests.Content;

/// <summary>Snapshots, prebuilds and explicit backups with the default local storage.</summary>
public sealed class ArchivingTests : IAsyncLifetime
{
    private readonly SourceRepository _repo = new();
    private DaemonServer _daemon = null!;

    public async Task InitializeAsync() => _daemon = await DaemonServer.StartAsync();

    public async Task DisposeAsync()
    {
        await _daemon.DisposeAsync();
        _repo.Dispose();
    }

    [Fact]
    public async Task ImmediateSnapshotStillCompletesBeforeALaterDispose()
    {
        await _daemon.Client.InitWorkspaceAsync(Init("ws-imm", Git(_repo.Url)));
        BackupRestoreContract.AddVariedContent(_daemon.WorkspacePath("ws-imm"));
        var before = TreeListing.Of(_daemon.WorkspacePath("ws-imm"), ".gitpod/ready");

        var url = (await _daemon.Client.TakeSnapshotAsync(new TakeSnapshotRequest { Id = "ws-imm", ReturnImmediately = true })).Url;
        await _daemon.Client.DisposeWorkspaceAsync(new DisposeWorkspaceRequest { Id = "ws-imm" });
        await _daemon.Client.InitWorkspaceAsync(Init("ws-imm-copy", new WorkspaceInitializer { Snapshot = new SnapshotInitializer { Snapshot = url } }));

        Assert.Equal(before, TreeListing.Of(_daemon.WorkspacePath("ws-imm-copy"), ".gitpod/ready"));
    }

    [Fact]
    public async Task PrebuildRestoresTheSnapshotThenReachesTheGitTarget()
    {
        await _daemon.Client.InitWorkspaceAsync(Init("ws-prebuild-src", Git(_repo.Url)));
        File.WriteAllText(Path.Combine(_daemon.WorkspacePath("ws-prebuild-src"), "repo", "build-output.txt"), "built\n");
        var url = (await _daemon.Client.TakeSnapshotAsync(new TakeSnapshotRequest { Id = "ws-prebuild-src" })).Url;
        var prebuild = new WorkspaceInitializer
        {
            Prebuild = new PrebuildInitializer
            {
                Prebuild = new SnapshotInitializer { Snapshot = url },
                Git = { Git(_repo.Url, CloneTargetMode.RemoteBranch, "feature").Git },
            },
        };

        await _daemon.Client.InitWorkspaceAsync(Init("ws-prebuild", prebuild));

        var checkout = Path.Combine(_daemon.WorkspacePath("ws-prebuild"), "repo");
        Assert.Equal("built\n", File.ReadAllText(Path.Combine(checkout, "build-output.txt")));
        Assert.Equal("feature", Support.Git.Run(checkout, "rev-parse", "--abbrev-ref", "HEAD"));
        Assert.Equal(_repo.FeatureHead, Support.Git.Run(checkout, "rev-parse", "HEAD"));
        Assert.Equal("{\"source\":\"from-prebuild\"}", File.ReadAllText(Path.Combine(_daemon.WorkspacePath("ws-prebuild"), ".gitpod", "ready")));
    }

    [Fact]
    public async Task PrebuildWithoutItsSnapshotFallsBackToAClone()
    {
        var prebuild = new WorkspaceInitializer
        {
            Prebuild = new PrebuildInitializer
            {
                Prebuild = new SnapshotInitializer { Snapshot = "snapshot-that-was-never-taken" },
                Git = { Git(_repo.Url).Git },
            },
        };

        await _daemon.Client.InitWorkspaceAsync(Init("ws-fallback", prebuild));

        Assert.Equal(_repo.MainHead, Support.Git.Run(Path.Combine(_daemon.WorkspacePath("ws-fallback"), "repo"), "rev-parse", "HEAD"));
        Assert.Equal("{\"source\":\"from-other\"}", File.ReadAllText(Path.Combine(_daemon.WorkspacePath("ws-fallback"), ".gitpod", "ready")));
    }

    [Fact]
    public async Task ExplicitBackupThenFromBackupInitializerRestoresIt()
    {
        await _daemon.Client.InitWorkspaceAsync(Init("ws-explicit", Git(_repo.Url)));
        BackupRestoreContract.AddVariedContent(_daemon.WorkspacePath("ws-explicit"));
        var before = TreeListing.Of(_daemon.WorkspacePath("ws-explicit"), ".gitpod/ready");
        var url = (await _daemon.Client.BackupWorkspaceAsync(new BackupWorkspaceRequest { Id = "ws-explicit" })).Url;
        await _daemon.Client.DisposeWorkspaceAsync(new DisposeWorkspaceRequest { Id = "ws-explicit" });

        await _daemon.Client.InitWorkspaceAsync(Init("ws-explicit", new WorkspaceInitializer { Backup = new FromBackupInitializer() }));

        Assert.StartsWith("file://", url);
        Assert.Equal(before, TreeListing.Of(_daemon.WorkspacePath("ws-explicit"), ".gitpod/ready"));
    }

    [Fact]
    public async Task FromBackupWithoutABackupIsNotFound()
    {
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await _daemon.Client.InitWorkspaceAsync(Init("ws-nobackup", new WorkspaceInitializer { Backup = new FromBackupInitializer() })));
        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.False(Directory.Exists(_daemon.WorkspacePath("ws-nobackup")));
    }
}
