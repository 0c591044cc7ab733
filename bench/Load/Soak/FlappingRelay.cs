using System.Net;
using System.Net.Sockets;

namespace Facade.Load.Soak;

/// <summary>
/// A TCP relay in front of the upstream registry that can be taken down: while down it cuts
/// every open connection and refuses new ones (accepts and closes at once), as a flapping
/// upstream does. The periods it was down are recorded, so errors can be explained by them.
/// </summary>
internal sealed class FlappingRelay : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Uri _target;
    private readonly Task _accepting;
    private readonly Lock _lock = new();
    private readonly List<TcpClient> _open = [];
    private volatile bool _down;

    public FlappingRelay(Uri target)
    {
        _target = target;
        _listener.Start();
        BaseUri = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
        _accepting = AcceptAsync();
    }

    public Uri BaseUri { get; }

    /// <summary>Takes the upstream down (cutting what is open) or brings it back.</summary>
    public void SetDown(bool down)
    {
        _down = down;
        if (!down) return;
        lock (_lock)
        {
            foreach (var client in _open) client.Client.Close(0);
            _open.Clear();
        }
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException) { return; }
            if (_down)
            {
                client.Client.Close(0);
                continue;
            }
            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        lock (_lock) _open.Add(client);
        using var server = new TcpClient();
        try
        {
            await server.ConnectAsync(_target.Host, _target.Port, _stop.Token);
            var up = client.GetStream().CopyToAsync(server.GetStream(), _stop.Token);
            var down = server.GetStream().CopyToAsync(client.GetStream(), _stop.Token);
            await Task.WhenAny(up, down);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Cut by a flap or closed by either side.
        }
        finally
        {
            lock (_lock) _open.Remove(client);
            client.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        await _accepting;
        lock (_lock)
        {
            foreach (var client in _open) client.Dispose();
            _open.Clear();
        }
        _stop.Dispose();
    }
}
