using System.Net.Sockets;
using System.Text;
using Facade.TestSupport;

namespace Facade.Load.Ipfs;

/// <summary>
/// <c>redis-server</c> on 127.0.0.1 with a random port and no persistence (nothing written to
/// disk); ready once it answers PING. Dispose stops it.
/// </summary>
internal sealed class RedisServer : IAsyncDisposable
{
    public const string Program = "redis-server";
    private readonly ProcessHost _process;

    private RedisServer(ProcessHost process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The StackExchange.Redis configuration string the facade takes.</summary>
    public string Configuration => $"127.0.0.1:{Port}";

    public static async Task<RedisServer> StartAsync(TimeSpan timeout)
    {
        RequiredTool.Require(Program);
        var port = FreePort.Next();
        var process = ProcessHost.Start(Program,
            ["--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]);
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited) break;
            if (await PingAsync(port)) return new RedisServer(process, port);
            await Task.Delay(100);
        }
        await process.DisposeAsync();
        throw new InvalidOperationException($"redis-server did not answer PING on port {port} within {timeout.TotalSeconds:F0} s:\n{process.Output}");
    }

    private static async Task<bool> PingAsync(int port)
    {
        try
        {
            using var client = new TcpClient();
            using var bounded = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            await client.ConnectAsync("127.0.0.1", port, bounded.Token);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray(), bounded.Token);
            var reply = new byte[16];
            var read = await stream.ReadAsync(reply, bounded.Token);
            return Encoding.ASCII.GetString(reply, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException)
        {
            return false;
        }
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
