using Daemon.Protos.WsDaemon;
using Daemon.Tests.Content.Support;
using Facade.TestSupport;
using Grpc.Core;
using static Daemon.Tests.Content.WorkspaceRequests;

namespace Daemon.Tests.Storage;

/// <summary>Remote storage that does not answer: calls needing it are Unavailable and leave nothing behind.</summary>
public sealed class UnreachableStorageTests : IAsyncLifetime
{
    private DaemonServer _daemon = null!;

    public async Task InitializeAsync()
    {
        // Nothing listens on a port that was free a moment ago.
        var endpoint = $"http://127.0.0.1:{FreePort.Next()}";
        _daemon = await DaemonServer.StartAsync(new Dictionary<string, string?>
        {
            ["Storage:Kind"] = "S3",
            ["Storage:S3:Endpoint"] = endpoint,
            ["Storage:S3:Bucket"] = "workspaces",
            ["Storage:S3:AccessKey"] = "key",
            ["Storage:S3:SecretKey"] = "secret",
        });
    }

    public async Task DisposeAsync() => await _daemon.DisposeAsync();

    [Fact]
    public async Task InitCannotCheckForABackupAndFails()
    {
        var error = await Assert.ThrowsAsync<RpcException>(async () => await _daemon.Client.InitWorkspaceAsync(Init("ws-1", Empty())));

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.False(Directory.Exists(_daemon.WorkspacePath("ws-1")));
    }

    [Fact]
    public async Task WithRemoteStorageDisabledInitWorksAndBackupFailsButKeepsTheContent()
    {
        await _daemon.Client.InitWorkspaceAsync(Init("ws-local", Empty(), remoteStorageDisabled: true));
        Assert.True(File.Exists(Path.Combine(_daemon.WorkspacePath("ws-local"), ".gitpod", "ready")));

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await _daemon.Client.DisposeWorkspaceAsync(new DisposeWorkspaceRequest { Id = "ws-local", Backup = true }));

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.True((await _daemon.Client.IsWorkspaceExistsAsync(new IsWorkspaceExistsRequest { Id = "ws-local" })).Exists);
    }
}
