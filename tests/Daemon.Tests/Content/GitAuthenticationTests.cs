using Daemon.Protos.ContentService;
using Daemon.Tests.Content.Support;
using Facade.TestSupport;
using Grpc.Core;
using static Daemon.Tests.Content.WorkspaceRequests;

namespace Daemon.Tests.Content;

/// <summary>Basic-auth clones over Git's dumb HTTP protocol from a server that demands credentials.</summary>
public sealed class GitAuthenticationTests : IAsyncLifetime
{
    private const string User = "alice";
    private const string Password = "s3cret-t0ken";
    private readonly SourceRepository _repo = new();
    private readonly TempDir _served = new("daemon-served");
    private TestHttpServer _git = null!;
    private TestHttpServer _ots = null!;
    private DaemonServer _daemon = null!;

    public async Task InitializeAsync()
    {
        Support.Git.Run(_served.Path, "clone", "-q", "--bare", _repo.Path, "repo.git");
        Support.Git.Run(_served.Combine("repo.git"), "update-server-info");
        File.WriteAllText(_served.Combine("secret"), $"{User}:{Password}\n");
        _git = await TestHttpServer.StartAsync(_served.Path, User, Password);
        _ots = await TestHttpServer.StartAsync(_served.Path);
        _daemon = await DaemonServer.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _daemon.DisposeAsync();
        await _git.DisposeAsync();
        await _ots.DisposeAsync();
        _served.Dispose();
        _repo.Dispose();
    }

    [Fact]
    public async Task BasicAuthCloneSucceeds()
    {
        var config = new GitConfig { Authentication = GitAuthMethod.BasicAuth, AuthUser = User, AuthPassword = Password };
        await _daemon.Client.InitWorkspaceAsync(Init("ws-auth", Git(_git.BaseUrl + "repo.git", fullClone: true, config: config)));

        var checkout = Path.Combine(_daemon.WorkspacePath("ws-auth"), "repo");
        Assert.Equal(_repo.MainHead, Support.Git.Run(checkout, "rev-parse", "HEAD"));
        Assert.True(_git.Unauthorized > 0, "the server never asked for credentials");
        // The secret must not be persisted in the clone's configuration.
        Assert.DoesNotContain(Password, File.ReadAllText(Path.Combine(checkout, ".git", "config")));
    }

    [Fact]
    public async Task OneTimeSecretCloneSucceeds()
    {
        var config = new GitConfig { Authentication = GitAuthMethod.BasicAuthOts, AuthOts = _ots.BaseUrl + "secret" };
        await _daemon.Client.InitWorkspaceAsync(Init("ws-ots", Git(_git.BaseUrl + "repo.git", fullClone: true, config: config)));

        Assert.Equal(_repo.MainHead, Support.Git.Run(Path.Combine(_daemon.WorkspacePath("ws-ots"), "repo"), "rev-parse", "HEAD"));
    }

    [Fact]
    public async Task WrongPasswordFailsWithoutLeakingIt()
    {
        var config = new GitConfig { Authentication = GitAuthMethod.BasicAuth, AuthUser = User, AuthPassword = "wrong-pass-xyz" };
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await _daemon.Client.InitWorkspaceAsync(Init("ws-denied", Git(_git.BaseUrl + "repo.git", fullClone: true, config: config))));

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.DoesNotContain("wrong-pass-xyz", error.Status.Detail);
        Assert.False(Directory.Exists(_daemon.WorkspacePath("ws-denied")));
    }

    [Fact]
    public async Task MissingCredentialsFailInsteadOfPrompting()
    {
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await _daemon.Client.InitWorkspaceAsync(Init("ws-noauth", Git(_git.BaseUrl + "repo.git", fullClone: true))));
        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
    }
}
