using System.Security.Cryptography;
using Daemon.Protos.ContentService;
using Daemon.Protos.WsDaemon;
using Daemon.Tests.Content.Support;
using Facade.TestSupport;
using Grpc.Core;
using static Daemon.Tests.Content.WorkspaceRequests;

namespace Daemon.Tests.Content;

/// <summary>File downloads from a real HTTP server, checked against their digests; composite ordering.</summary>
public sealed class DownloadInitializerTests : IAsyncLifetime
{
    private readonly TempDir _files = new("daemon-files");
    private readonly byte[] _content = RandomNumberGenerator.GetBytes(200_000);
    private TestHttpServer _http = null!;
    private DaemonServer _daemon = null!;

    public async Task InitializeAsync()
    {
        File.WriteAllBytes(_files.Combine("tool.bin"), _content);
        _http = await TestHttpServer.StartAsync(_files.Path);
        _daemon = await DaemonServer.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _daemon.DisposeAsync();
        await _http.DisposeAsync();
        _files.Dispose();
    }

    private string Digest => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(_content));

    [Fact]
    public async Task DownloadedFileLandsAtItsPath()
    {
        await _daemon.Client.InitWorkspaceAsync(Init("ws-dl", Download("bin/tool", Digest)));

        Assert.Equal(_content, File.ReadAllBytes(Path.Combine(_daemon.WorkspacePath("ws-dl"), "tools", "bin", "tool")));
        Assert.Empty(Directory.GetFiles(Path.Combine(_daemon.WorkspacePath("ws-dl"), "tools", "bin"), ".*"));
    }

    [Fact]
    public async Task DigestMismatchIsDataLossAndLeavesNothing()
    {
        var wrong = "sha256:" + new string('0', 64);

        var error = await Assert.ThrowsAsync<RpcException>(async () => await _daemon.Client.InitWorkspaceAsync(Init("ws-bad", Download("tool", wrong))));

        Assert.Equal(StatusCode.DataLoss, error.StatusCode);
        Assert.False(Directory.Exists(_daemon.WorkspacePath("ws-bad")));
        Assert.False((await _daemon.Client.IsWorkspaceExistsAsync(new IsWorkspaceExistsRequest { Id = "ws-bad" })).Exists);
    }

    [Fact]
    public async Task MissingFileIsNotFound()
    {
        var init = Download("tool", Digest);
        init.Download.Files[0].Url = _http.BaseUrl + "absent.bin";
        var error = await Assert.ThrowsAsync<RpcException>(async () => await _daemon.Client.InitWorkspaceAsync(Init("ws-404", init)));
        Assert.Equal(StatusCode.NotFound, error.StatusCode);
    }

    [Fact]
    public async Task CompositeRunsItsChildrenInOrder()
    {
        using var repo = new SourceRepository();
        var composite = new WorkspaceInitializer
        {
            Composite = new CompositeInitializer { Initializer = { Git(repo.Url, location: "repo"), Download("bin/tool", Digest) } },
        };
        // The download goes into the fresh clone: it only works when the clone ran first.
        composite.Composite.Initializer[1].Download.TargetLocation = "repo";

        await _daemon.Client.InitWorkspaceAsync(Init("ws-composite", composite));

        var checkout = Path.Combine(_daemon.WorkspacePath("ws-composite"), "repo");
        Assert.Equal(repo.MainHead, Support.Git.Run(checkout, "rev-parse", "HEAD"));
        Assert.Equal(_content, File.ReadAllBytes(Path.Combine(checkout, "bin", "tool")));
    }

    private WorkspaceInitializer Download(string path, string digest) => new()
    {
        Download = new FileDownloadInitializer
        {
            TargetLocation = "tools",
            Files = { new FileDownloadInitializer.Types.FileInfo { Url = _http.BaseUrl + "tool.bin", FilePath = path, Digest = digest } },
        },
    };
}
