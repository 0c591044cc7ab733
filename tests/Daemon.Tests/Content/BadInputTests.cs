using Daemon.Protos.ContentService;
using Daemon.Protos.WsDaemon;
using Daemon.Tests.Content.Support;
using Grpc.Core;
using static Daemon.Tests.Content.WorkspaceRequests;

namespace Daemon.Tests.Content;

/// <summary>Bad requests get the right status code and leave the working area untouched.</summary>
public sealed class BadInputTests : IAsyncLifetime
{
    private DaemonServer _daemon = null!;

    public async Task InitializeAsync() => _daemon = await DaemonServer.StartAsync();

    public async Task DisposeAsync() => await _daemon.DisposeAsync();

    public static TheoryData<string, WorkspaceInitializer?> InvalidRequests() => new()
    {
        { "../escape", Empty() },
        { "", Empty() },
        { "a/b", Empty() },
        { "ws-1", null },
        { "ws-1", new WorkspaceInitializer() },
        { "ws-1", Git("file:///nowhere", location: "../outside") },
        { "ws-1", Git("file:///nowhere", location: "/etc") },
        { "ws-1", Git("--upload-pack=touch /tmp/x") },
        { "ws-1", Git("file:///nowhere", CloneTargetMode.RemoteCommit, "not-a-sha") },
        { "ws-1", Git("file:///nowhere", CloneTargetMode.RemoteBranch, "-b") },
        { "ws-1", Git("file:///nowhere", config: new GitConfig { CustomConfig = { ["core.fsmonitor"] = "touch /tmp/x" } }) },
        { "ws-1", Git("file:///nowhere", config: new GitConfig { Authentication = GitAuthMethod.BasicAuthOts, AuthOts = "ftp://x" }) },
        { "ws-1", Download("http://127.0.0.1:1/f", "../../etc/passwd", ValidDigest) },
        { "ws-1", Download("http://127.0.0.1:1/f", "", ValidDigest) },
        { "ws-1", Download("file:///etc/passwd", "f", ValidDigest) },
        { "ws-1", Download("http://127.0.0.1:1/f", "f", "md5:abc") },
        { "ws-1", new WorkspaceInitializer { Snapshot = new SnapshotInitializer { Snapshot = "s3://../x" } } },
        { "ws-1", new WorkspaceInitializer { Snapshot = new SnapshotInitializer { Snapshot = "snap", FromVolumeSnapshot = true } } },
    };

    [Theory]
    [MemberData(nameof(InvalidRequests))]
    public async Task InvalidInitIsInvalidArgumentAndChangesNothing(string id, WorkspaceInitializer? initializer)
    {
        var request = new InitWorkspaceRequest { Id = id, Initializer = initializer };

        var error = await Assert.ThrowsAsync<RpcException>(async () => await _daemon.Client.InitWorkspaceAsync(request));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.False(Directory.Exists(_daemon.WorkingArea) && Directory.EnumerateDirectories(_daemon.WorkingArea).Any(d => !Path.GetFileName(d).StartsWith('.')));
        Assert.False(File.Exists("/tmp/x"));
    }

    [Fact]
    public async Task UnknownWorkspaceIsNotFoundForEveryCall()
    {
        var client = _daemon.Client;
        var calls = new Func<Task>[]
        {
            async () => await client.WaitForInitAsync(new WaitForInitRequest { Id = "ghost" }),
            async () => await client.TakeSnapshotAsync(new TakeSnapshotRequest { Id = "ghost" }),
            async () => await client.BackupWorkspaceAsync(new BackupWorkspaceRequest { Id = "ghost" }),
            async () => await client.DisposeWorkspaceAsync(new DisposeWorkspaceRequest { Id = "ghost", Backup = true }),
        };
        foreach (var call in calls)
            Assert.Equal(StatusCode.NotFound, (await Assert.ThrowsAsync<RpcException>(call)).StatusCode);
        Assert.False((await client.IsWorkspaceExistsAsync(new IsWorkspaceExistsRequest { Id = "ghost" })).Exists);
        Assert.False(Directory.Exists(Path.Combine(_daemon.LocalStorage)));
    }

    [Fact]
    public async Task MalformedIdOnOtherCallsIsInvalidArgument()
    {
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await _daemon.Client.DisposeWorkspaceAsync(new DisposeWorkspaceRequest { Id = "../area" }));
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
    }

    [Fact]
    public async Task CloneOfAMissingRepositoryFailsAndLeavesNothing()
    {
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await _daemon.Client.InitWorkspaceAsync(Init("ws-missing", Git("file:///does/not/exist"))));

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.False(Directory.Exists(_daemon.WorkspacePath("ws-missing")));
        Assert.False((await _daemon.Client.IsWorkspaceExistsAsync(new IsWorkspaceExistsRequest { Id = "ws-missing" })).Exists);
        // The id is free again after a failed initialization.
        await _daemon.Client.InitWorkspaceAsync(Init("ws-missing", Empty()));
    }

    [Fact]
    public async Task SnapshotThatDoesNotExistIsNotFound()
    {
        var init = new WorkspaceInitializer { Snapshot = new SnapshotInitializer { Snapshot = "snapshot-nothing-here" } };
        var error = await Assert.ThrowsAsync<RpcException>(async () => await _daemon.Client.InitWorkspaceAsync(Init("ws-snap", init)));
        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.False(Directory.Exists(_daemon.WorkspacePath("ws-snap")));
    }

    [Fact]
    public async Task RemoteStorageDisabledRefusesSnapshotsAndBackups()
    {
        await _daemon.Client.InitWorkspaceAsync(Init("ws-nostore", Empty(), remoteStorageDisabled: true));

        var snapshot = await Assert.ThrowsAsync<RpcException>(async () => await _daemon.Client.TakeSnapshotAsync(new TakeSnapshotRequest { Id = "ws-nostore" }));
        var dispose = await Assert.ThrowsAsync<RpcException>(async () =>
            await _daemon.Client.DisposeWorkspaceAsync(new DisposeWorkspaceRequest { Id = "ws-nostore", Backup = true }));

        Assert.Equal(StatusCode.FailedPrecondition, snapshot.StatusCode);
        Assert.Equal(StatusCode.FailedPrecondition, dispose.StatusCode);
        Assert.True(Directory.Exists(_daemon.WorkspacePath("ws-nostore")));
    }

    [Fact]
    public async Task ContentOverTheQuotaIsResourceExhaustedAndRemoved()
    {
        using var repo = new SourceRepository();
        var request = Init("ws-quota", Git(repo.Url));
        request.StorageQuotaBytes = 100;

        var error = await Assert.ThrowsAsync<RpcException>(async () => await _daemon.Client.InitWorkspaceAsync(request));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.False(Directory.Exists(_daemon.WorkspacePath("ws-quota")));
    }

    private const string ValidDigest = "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private static WorkspaceInitializer Download(string url, string path, string digest) => new()
    {
        Download = new FileDownloadInitializer { Files = { new FileDownloadInitializer.Types.FileInfo { Url = url, FilePath = path, Digest = digest } } },
    };
}
