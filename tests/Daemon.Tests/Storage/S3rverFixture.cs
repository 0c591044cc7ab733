using Daemon.Hosting;
using Daemon.Tests.Content.Support;
using Facade.TestSupport;

namespace Daemon.Tests.Storage;

/// <summary>Starts the npm s3rver (scripts/s3rver/start.sh) on a free port with a fresh bucket; killed on dispose.</summary>
public sealed class S3rverFixture : IAsyncLifetime
{
    public const string Bucket = "workspaces";
    private readonly TempDir _data = new("daemon-s3rver");
    private ProcessHost? _process;

    /// <summary>Why the server is not available, or null when it runs.</summary>
    public string? SkipReason { get; private set; }

    /// <summary>The endpoint URL.</summary>
    public string Endpoint { get; private set; } = "";

    /// <summary>Backend settings for the server.</summary>
    internal S3StorageOptions Options => new()
    {
        Endpoint = Endpoint, Bucket = Bucket, Prefix = "ws/", AccessKey = "S3RVER", SecretKey = "S3RVER", Region = "us-east-1",
    };

    /// <summary>Daemon settings that select this server.</summary>
    public Dictionary<string, string?> DaemonSettings => new()
    {
        ["Storage:Kind"] = "S3",
        ["Storage:S3:Endpoint"] = Endpoint,
        ["Storage:S3:Bucket"] = Bucket,
        ["Storage:S3:Prefix"] = "ws/",
        ["Storage:S3:AccessKey"] = "S3RVER",
        ["Storage:S3:SecretKey"] = "S3RVER",
    };

    public async Task InitializeAsync()
    {
        if (RequiredTool.Find("node") is null || RequiredTool.Find("npm") is null)
        {
            SkipReason = "node and npm are not installed; the S3 tests need them to run s3rver";
            Console.WriteLine(SkipReason);
            return;
        }
        var port = FreePort.Next();
        Endpoint = $"http://127.0.0.1:{port}";
        var script = Path.Combine(RepositoryRoot.Path, "scripts", "s3rver", "start.sh");
        _process = ProcessHost.Start("sh", [script, _data.Path, port.ToString(System.Globalization.CultureInfo.InvariantCulture), Bucket]);
        // The first start may run npm ci; allow for it. Any HTTP answer means s3rver is serving.
        await _process.WaitForHttpAsync(new Uri(Endpoint + "/"), TimeSpan.FromSeconds(180));
    }

    public async Task DisposeAsync()
    {
        if (_process is not null) await _process.DisposeAsync();
        _data.Dispose();
    }
}
