using System.Net;
using System.Net.Sockets;

namespace Facade.TestSupport;

/// <summary>
/// A TCP relay on 127.0.0.1 in front of a real server, for faults HTTP cannot express: the bytes
/// coming back can be paced (a delegate copies them), every open connection can be cut, and new
/// ones refused (accepted and closed at once). Requests pass unchanged; TLS passes end to end.
/// </summary>
public sealed class TcpRelay : IAsyncDisposable
{
    /// <summary>Copies the server's bytes to the client until the server ends or the token fires.</summary>
    public delegate Task Copy(Stream fromServer, Stream toClient, CancellationToken cancellationToken);

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Uri _target;
    private readonly Copy _downstream;
    private readonly Task _accepting;
    private readonly Lock _lock = new();
    private readonly List<TcpClient> _open = [];
    private volatile bool _refusing;

    /// <summary>Starts relaying to <paramref name="target"/>; <paramref name="downstream"/> paces the answers (default: as they come).</summary>
    public TcpRelay(Uri target, Copy? downstream = null)
    {
        _target = target;
        _downstream = downstream ?? ((from, to, ct) => from.CopyToAsync(to, ct));
        _listener.Start();
        BaseUri = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
        _accepting = AcceptAsync();
    }

    /// <summary>The relay's address (plain http; a TLS server behind it keeps its own scheme).</summary>
    public Uri BaseUri { get; }

    /// <summary>A downstream copy that sends at most <paramref name="bytesPerTick"/> bytes per <paramref name="tick"/>.</summary>
    public static Copy Paced(int bytesPerTick, TimeSpan tick) => async (from, to, ct) =>
    {
        var buffer = new byte[bytesPerTick];
        while (true)
        {
            var read = await from.ReadAsync(buffer, ct);
            if (read == 0) return;
            await to.WriteAsync(buffer.AsMemory(0, read), ct);
            await Task.Delay(tick, ct);
        }
    };

    /// <summary>While true, new connections are closed as soon as they are accepted.</summary>
    public bool Refusing
    {
        get => _refusing;
        set => _refusing = value;
    }

    /// <summary>Resets every connection open now (the client sees a reset, as when a server dies).</summary>
    public void CutAll()
    {
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
            if (_refusing)
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
            var down = _downstream(server.GetStream(), client.GetStream(), _stop.Token);
            await Task.WhenAny(up, down);
            // The server's answer may still be arriving after the client finished sending.
            await down;
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Cut, or closed by either side: this connection's relay ends.
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
