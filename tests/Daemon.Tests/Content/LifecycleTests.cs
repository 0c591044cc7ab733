using System.Security.Cryptography;
using Daemon.Content;
using Daemon.Protos.ContentService;
using Daemon.Protos.WsDaemon;
using Daemon.Tests.Content.Support;
using Facade.TestSupport;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using static Daemon.Tests.Content.WorkspaceRequests;

namespace Daemon.Tests.Content;

/// <summary>States, serialization of concurrent calls, WaitForInit and disposal with Git status.</summary>
public sealed class LifecycleTests : IAsyncLifetime
{
    private readonly TempDir _files = new("daemon-files");
    private TestHttpServer _http = null!;
    private DaemonServer _daemon = null!;

    public async Task InitializeAsync()
    {
        File.WriteAllText(_files.Combine("slow.txt"), "slow content");
        _http = await TestHttpServer.StartAsync(_files.Path);
        _daemon = await DaemonServer.StartAsync(unixSocket: true);
    }

    public async Task DisposeAsync()
    {
        _http.Gate.TrySetResult();
        await _daemon.DisposeAsync();
        await _http.DisposeAsync();
        _files.Dispose();
    }

    [Fact]
    public async Task WaitForInitWaitsUntilAvailableAndOtherCallsQueueBehindInit()
    {
        _http.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var client = _daemon.Client;
        var init = client.InitWorkspaceAsync(Init("ws-slow", SlowDownload())).ResponseAsync;
        await WaitUntilAsync(async () => (await client.IsWorkspaceExistsAsync(new IsWorkspaceExistsRequest { Id = "ws-slow" })).Exists);
        var workspace = _daemon.Services.GetRequiredService<WorkspaceRegistry>().Get("ws-slow");

        var wait = client.WaitForInitAsync(new WaitForInitRequest { Id = "ws-slow" }).ResponseAsync;
        var backup = client.BackupWorkspaceAsync(new BackupWorkspaceRequest { Id = "ws-slow" }).ResponseAsync;
        var second = await Assert.ThrowsAsync<RpcException>(async () => await client.InitWorkspaceAsync(Init("ws-slow", Empty())));
        await Task.Delay(300);

        Assert.Equal(StatusCode.AlreadyExists, second.StatusCode);
        Assert.Equal(WorkspaceContentState.SettingUp, workspace.State);
        Assert.False(wait.IsCompleted);
        Assert.False(backup.IsCompleted);

        _http.Gate.SetResult();
        await init;
        await wait;
        var url = (await backup).Url;

        Assert.Equal(WorkspaceContentState.Available, workspace.State);
        Assert.True(File.Exists(new Uri(url).LocalPath));
        Assert.Equal("slow content", File.ReadAllText(Path.Combine(_daemon.WorkspacePath("ws-slow"), "slow.txt")));
    }

    [Fact]
    public async Task ConcurrentInitsOfOneIdLetExactlyOneSucceed()
    {
        var attempts = Enumerable.Range(0, 4)
            .Select(_ => Outcome(_daemon.Client.InitWorkspaceAsync(Init("ws-race", Empty())).ResponseAsync))
            .ToArray();
        var codes = await Task.WhenAll(attempts);

        Assert.Single(codes, StatusCode.OK);
        Assert.Equal(3, codes.Count(c => c == StatusCode.AlreadyExists));
    }

    [Fact]
    public async Task DisposeReportsGitStatusAndRemovesTheWorkspace()
    {
        using var repo = new SourceRepository();
        await _daemon.Client.InitWorkspaceAsync(Init("ws-status", Git(repo.Url, CloneTargetMode.LocalBranch, "topic", fullClone: true)));
        var checkout = Path.Combine(_daemon.WorkspacePath("ws-status"), "repo");
        File.WriteAllText(Path.Combine(checkout, "committed.txt"), "local commit\n");
        Support.Git.Run(checkout, "add", "committed.txt");
        Support.Git.Run(checkout, "commit", "-q", "-m", "local work");
        File.AppendAllText(Path.Combine(checkout, "README.md"), "changed\n");
        File.WriteAllText(Path.Combine(checkout, "new.txt"), "untracked\n");
        var head = Support.Git.Run(checkout, "rev-parse", "HEAD");

        var response = await _daemon.Client.DisposeWorkspaceAsync(new DisposeWorkspaceRequest { Id = "ws-status" });

        var status = response.GitStatus;
        Assert.Equal("topic", status.Branch);
        Assert.Equal(head, status.LatestCommit);
        Assert.Equal(["README.md"], status.UncommitedFiles);
        Assert.Equal(1, status.TotalUncommitedFiles);
        Assert.Equal(["new.txt"], status.UntrackedFiles);
        Assert.Single(status.UnpushedCommits, c => c.EndsWith(": local work", StringComparison.Ordinal));
        Assert.Equal(1, status.TotalUnpushedCommits);
        Assert.False(Directory.Exists(_daemon.WorkspacePath("ws-status")));
        Assert.False((await _daemon.Client.IsWorkspaceExistsAsync(new IsWorkspaceExistsRequest { Id = "ws-status" })).Exists);
    }

    [Fact]
    public async Task DisposeWithoutRepositoryHasNoGitStatus()
    {
        await _daemon.Client.InitWorkspaceAsync(Init("ws-plain", Empty()));
        var response = await _daemon.Client.DisposeWorkspaceAsync(new DisposeWorkspaceRequest { Id = "ws-plain" });
        Assert.Null(response.GitStatus);
        Assert.False(Directory.Exists(_daemon.WorkspacePath("ws-plain")));
    }

    private WorkspaceInitializer SlowDownload() => new()
    {
        Download = new FileDownloadInitializer
        {
            Files =
            {
                new FileDownloadInitializer.Types.FileInfo
                {
                    Url = _http.BaseUrl + "slow.txt",
                    FilePath = "slow.txt",
                    Digest = "sha256:" + Convert.ToHexStringLower(SHA256.HashData("slow content"u8)),
                },
            },
        },
    };

    private static async Task<StatusCode> Outcome(Task call)
    {
        try
        {
            await call;
            return StatusCode.OK;
        }
        catch (RpcException e)
        {
            return e.StatusCode;
        }
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 100; i++)
        {
            if (await condition()) return;
            await Task.Delay(50);
        }
        throw new TimeoutException("condition not reached");
    }
}
