using System.Diagnostics;
using System.Net.Sockets;
using Facade.TestSupport;
using Facade.Tests.Ipfs;

namespace Facade.Tests.Redis;

/// <summary>
/// A real <c>redis-server</c> on 127.0.0.1 and a random port, without persistence, in a temp
/// dir. It can be stopped and started again on the same port to play an outage.
/// </summary>
public sealed class RedisServer : IAsyncLifetime
{
    private readonly TempDir _dir = new("facade-redis");
    private Process? _process;

    /// <summary>The port it listens on.</summary>
    public int Port { get; } = FreePort.Next();

    /// <summary>A StackExchange.Redis configuration string for it.</summary>
    public string Configuration => $"127.0.0.1:{Port}";

    public Task InitializeAsync()
    {
        if (!ScriptRunner.OnPath("redis-server"))
            throw new InvalidOperationException("redis-server is required for the Redis tests (apt-get install redis-server)");
        return StartAsync();
    }

    /// <summary>Starts the server and waits until it answers PING.</summary>
    public async Task StartAsync()
    {
        if (_process is not null) throw new InvalidOperationException("already running");
        var info = new ProcessStartInfo("redis-server")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _dir.Path,
        };
        foreach (var arg in new[] { "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                     "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", _dir.Path })
            info.ArgumentList.Add(arg);
        _process = Process.Start(info) ?? throw new InvalidOperationException("cannot start redis-server");
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!await AnswersPingAsync())
        {
            if (_process.HasExited) throw new InvalidOperationException($"redis-server exited with {_process.ExitCode}");
            if (DateTime.UtcNow > deadline) throw new TimeoutException("redis-server did not answer PING in 15 s");
            await Task.Delay(50);
        }
    }

    /// <summary>Stops the server (its connections drop at once).</summary>
    public async Task StopAsync()
    {
        if (_process is not { } process) return;
        _process = null;
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        process.Dispose();
    }

    public async Task DisposeAsync()
    {
        await StopAsync();
        _dir.Dispose();
    }

    private async Task<bool> AnswersPingAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", Port);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray());
            var buffer = new byte[16];
            var read = await stream.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(2));
            return read >= 5 && buffer.AsSpan(0, 5).SequenceEqual("+PONG"u8);
        }
        catch (Exception e) when (e is SocketException or IOException or TimeoutException)
        {
            return false;
        }
    }
}
