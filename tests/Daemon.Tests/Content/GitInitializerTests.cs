using Daemon.Protos.ContentService;
using Daemon.Tests.Content.Support;
using static Daemon.Tests.Content.WorkspaceRequests;

namespace Daemon.Tests.Content;

/// <summary>Git initializers against a real repository, over the daemon's gRPC API.</summary>
public sealed class GitInitializerTests : IAsyncLifetime
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
    public async Task RemoteHeadClonesTheDefaultBranchShallowly()
    {
        await _daemon.Client.InitWorkspaceAsync(Init("ws-head", Git(_repo.Url)));
        var checkout = Path.Combine(_daemon.WorkspacePath("ws-head"), "repo");

        Assert.Equal(_repo.MainHead, Support.Git.Run(checkout, "rev-parse", "HEAD"));
        Assert.Equal("main", Support.Git.Run(checkout, "rev-parse", "--abbrev-ref", "HEAD"));
        Assert.Equal("true", Support.Git.Run(checkout, "rev-parse", "--is-shallow-repository"));
        Assert.Equal("1", Support.Git.Run(checkout, "rev-list", "--count", "HEAD"));
        Assert.Equal("version 3\n", File.ReadAllText(Path.Combine(checkout, "README.md")));
        Assert.Equal((UnixFileMode)0b111_101_101, File.GetUnixFileMode(Path.Combine(checkout, "src", "main.sh")));
    }

    [Fact]
    public async Task FullCloneKeepsTheHistory()
    {
        await _daemon.Client.InitWorkspaceAsync(Init("ws-full", Git(_repo.Url, fullClone: true)));
        var checkout = Path.Combine(_daemon.WorkspacePath("ws-full"), "repo");

        Assert.Equal("false", Support.Git.Run(checkout, "rev-parse", "--is-shallow-repository"));
        Assert.Equal("3", Support.Git.Run(checkout, "rev-list", "--count", "HEAD"));
    }

    [Fact]
    public async Task RemoteBranchChecksOutTheBranch()
    {
        await _daemon.Client.InitWorkspaceAsync(Init("ws-branch", Git(_repo.Url, CloneTargetMode.RemoteBranch, "feature")));
        var checkout = Path.Combine(_daemon.WorkspacePath("ws-branch"), "repo");

        Assert.Equal(_repo.FeatureHead, Support.Git.Run(checkout, "rev-parse", "HEAD"));
        Assert.Equal("feature", Support.Git.Run(checkout, "rev-parse", "--abbrev-ref", "HEAD"));
        Assert.True(File.Exists(Path.Combine(checkout, "feature.txt")));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task RemoteCommitDetachesAtAnOlderCommit(bool fullClone)
    {
        var id = fullClone ? "ws-commit-full" : "ws-commit";
        var commit = _repo.Commits[0];
        await _daemon.Client.InitWorkspaceAsync(Init(id, Git(_repo.Url, CloneTargetMode.RemoteCommit, commit, fullClone: fullClone)));
        var checkout = Path.Combine(_daemon.WorkspacePath(id), "repo");

        Assert.Equal(commit, Support.Git.Run(checkout, "rev-parse", "HEAD"));
        Assert.Equal("HEAD", Support.Git.Run(checkout, "rev-parse", "--abbrev-ref", "HEAD"));
        Assert.Equal("version 1\n", File.ReadAllText(Path.Combine(checkout, "README.md")));
    }

    [Fact]
    public async Task LocalBranchCreatesABranchAtTheRemoteHead()
    {
        await _daemon.Client.InitWorkspaceAsync(Init("ws-local", Git(_repo.Url, CloneTargetMode.LocalBranch, "my-work")));
        var checkout = Path.Combine(_daemon.WorkspacePath("ws-local"), "repo");

        Assert.Equal("my-work", Support.Git.Run(checkout, "rev-parse", "--abbrev-ref", "HEAD"));
        Assert.Equal(_repo.MainHead, Support.Git.Run(checkout, "rev-parse", "HEAD"));
    }

    [Fact]
    public async Task UpstreamRemoteAndCustomConfigAreApplied()
    {
        var init = Git(_repo.Url, config: new GitConfig { CustomConfig = { ["user.name"] = "Someone", ["core.autocrlf"] = "false" } });
        init.Git.UpstreamRemoteUri = "file:///upstream/repo";
        await _daemon.Client.InitWorkspaceAsync(Init("ws-config", init));
        var checkout = Path.Combine(_daemon.WorkspacePath("ws-config"), "repo");

        Assert.Equal("file:///upstream/repo", Support.Git.Run(checkout, "remote", "get-url", "upstream"));
        Assert.Equal("Someone", Support.Git.Run(checkout, "config", "--local", "user.name"));
    }

    [Fact]
    public async Task ReadyMarkerNamesTheSourceAndIsWrittenAtomically()
    {
        await _daemon.Client.InitWorkspaceAsync(Init("ws-ready", Git(_repo.Url)));
        var gitpod = Path.Combine(_daemon.WorkspacePath("ws-ready"), ".gitpod");

        Assert.Equal("{\"source\":\"from-other\"}", File.ReadAllText(Path.Combine(gitpod, "ready")));
        Assert.Equal(["ready"], Directory.GetFiles(gitpod).Select(Path.GetFileName));
    }
}
