using Daemon.Protos.WsDaemon;
using Daemon.Tests.Content.Support;
using Facade.TestSupport;
using Grpc.Core;
using static Daemon.Tests.Content.WorkspaceRequests;

namespace Daemon.Tests.Storage;

/// <summary>A final backup that cannot be written leaves the workspace AVAILABLE with its content.</summary>
public sealed class FailingBackupTests : IAsyncLifetime
{
    private readonly TempDir _dir = new("daemon-failing-storage");
    private DaemonServer _daemon = null!;

    public async Task InitializeAsync()
    {
        // A regular file where the storage directory should be: every write fails.
        var blocked = _dir.Combine("not-a-directory");
        File.WriteAllText(blocked, "");
        _daemon = await DaemonServer.StartAsync(new Dictionary<string, string?> { ["Storage:Local:Directory"] = blocked });
    }

    public async Task DisposeAsync()
    {
        await _daemon.DisposeAsync();
        _dir.Dispose();
    }

    [Fact]
    public async Task DisposeWithAFailedBackupKeepsTheWorkspace()
    {
        await _daemon.Client.InitWorkspaceAsync(Init("ws-keep", Empty()));
        File.WriteAllText(Path.Combine(_daemon.WorkspacePath("ws-keep"), "precious.txt"), "unsaved work");

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await _daemon.Client.DisposeWorkspaceAsync(new DisposeWorkspaceRequest { Id = "ws-keep", Backup = true }));

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Equal("unsaved work", File.ReadAllText(Path.Combine(_daemon.WorkspacePath("ws-keep"), "precious.txt")));
        // Still AVAILABLE: a backup of its own can be attempted again and a plain dispose works.
        await Assert.ThrowsAsync<RpcException>(async () => await _daemon.Client.BackupWorkspaceAsync(new BackupWorkspaceRequest { Id = "ws-keep" }));
        await _daemon.Client.DisposeWorkspaceAsync(new DisposeWorkspaceRequest { Id = "ws-keep" });
        Assert.False(Directory.Exists(_daemon.WorkspacePath("ws-keep")));
    }
}
