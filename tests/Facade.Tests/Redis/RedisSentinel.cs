using System.Globalization;
using Facade.TestSupport;

namespace Facade.Tests.Redis;

/// <summary>
/// A real <c>redis-sentinel</c> on 127.0.0.1 monitoring one master with quorum 1 and short
/// timeouts (down after 1 s), so a killed master is replaced within seconds.
/// </summary>
public sealed class RedisSentinel : IAsyncDisposable
{
    public const string Program = "redis-sentinel";
    private readonly TempDir _dir;
    private readonly ProcessHost _process;

    private RedisSentinel(TempDir dir, ProcessHost process, int port, string serviceName)
    {
        _dir = dir;
        _process = process;
        Port = port;
        ServiceName = serviceName;
    }

    public int Port { get; }
    public string ServiceName { get; }
    public string Endpoint => $"127.0.0.1:{Port}";

    public static async Task<RedisSentinel> StartAsync(int masterPort, string serviceName = "facade-master")
    {
        var dir = new TempDir("sentinel");
        var port = FreePort.Next();
        // Sentinel rewrites its configuration file (it records what it learns), so it must be writable.
        var config = dir.WriteFile("sentinel.conf", string.Join('\n',
            $"port {port}", "bind 127.0.0.1", $"dir {dir.Path}",
            $"sentinel monitor {serviceName} 127.0.0.1 {masterPort} 1",
            $"sentinel down-after-milliseconds {serviceName} 1000",
            $"sentinel failover-timeout {serviceName} 5000",
            $"sentinel parallel-syncs {serviceName} 1", ""));
        var process = ProcessHost.Start(Program, [config]);
        var sentinel = new RedisSentinel(dir, process, port, serviceName);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while ((await sentinel.MasterPortAsync()) != masterPort)
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                await sentinel.DisposeAsync();
                throw process.Failure("did not report the master");
            }
            await Task.Delay(100);
        }
        return sentinel;
    }

    /// <summary>The master's port as this sentinel names it now, or null.</summary>
    public async Task<int?> MasterPortAsync()
    {
        var result = await Tool.RunAsync("redis-cli", ["-p", Port.ToString(CultureInfo.InvariantCulture),
            "sentinel", "get-master-addr-by-name", ServiceName], TimeSpan.FromSeconds(10));
        var lines = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return result.Succeeded && lines.Length == 2 && int.TryParse(lines[1], CultureInfo.InvariantCulture, out var port) ? port : null;
    }

    /// <summary>How many replicas the sentinel knows for the master.</summary>
    public async Task<int> ReplicaCountAsync()
    {
        var result = await Tool.RunAsync("redis-cli", ["-p", Port.ToString(CultureInfo.InvariantCulture),
            "sentinel", "replicas", ServiceName], TimeSpan.FromSeconds(10));
        return result.StandardOutput.Split('\n').Count(l => l.Trim() == "flags");
    }

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        _dir.Dispose();
    }
}
