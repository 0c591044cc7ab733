using System.Net;
using System.Net.Sockets;

namespace Facade.Tests.Infrastructure;

/// <summary>
/// A TCP relay in front of a real server that sends the server's bytes back slowly (a chunk per
/// tick), so a transfer is provably still running when a test acts. Requests pass unchanged.
/// </summary>
public sealed class SlowRelay : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Uri _target;
    private readonly int _chunk;
    private readonly TimeSpan _tick;
    private readonly Task _accepting;

    public SlowRelay(Uri target, int bytesPerTick, TimeSpan tick)
    {
        _target = target;
        _chunk = bytesPerTick;
        _tick = tick;
        _listener.Start();
        BaseUri = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
        _accepting = AcceptAsync();
    }

    public Uri BaseUri { get; }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException) { return; }
            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using (client)
        using (var server = new TcpClient())
        {
            try
            {
                await server.ConnectAsync(_target.Host, _target.Port, _stop.Token);
                var up = client.GetStream().CopyToAsync(server.GetStream(), _stop.Token);
                var down = CopySlowlyAsync(server.GetStream(), client.GetStream());
                await Task.WhenAny(up, down);
                await down;
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // One side went away: the relay for this connection ends.
            }
        }
    }

    private async Task CopySlowlyAsync(Stream from, Stream to)
    {
        var buffer = new byte[_chunk];
        while (true)
        {
            var read = await from.ReadAsync(buffer, _stop.Token);
            if (read == 0) return;
            await to.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
            await Task.Delay(_tick, _stop.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }
}
