using System.Net.Sockets;

namespace Facade.TestSupport;

/// <summary>
/// A TCP relay on 127.0.0.1 in front of a real server, for faults HTTP cannot express: the bytes
/// coming back can be paced (a delegate copies them), every open connection can be cut, and new
/// ones refused (accepted and closed at once). Requests pass unchanged; TLS passes end to end.
/// </summary>
public sealed class TcpRelay : SocketRelay
{
    /// <summary>Copies the server's bytes to the client until the server ends or the token fires.</summary>
    public delegate Task Copy(Stream fromServer, Stream toClient, CancellationToken cancellationToken);

    private readonly Copy _downstream;
    private readonly Lock _lock = new();
    private readonly List<Socket> _open = [];
    private volatile bool _refusing;

    /// <summary>Starts relaying to <paramref name="target"/>; <paramref name="downstream"/> paces the answers (default: as they come).</summary>
    public TcpRelay(Uri target, Copy? downstream = null) : base(target)
    {
        _downstream = downstream ?? ((from, to, ct) => from.CopyToAsync(to, ct));
        BaseUri = new Uri($"http://127.0.0.1:{Port}/");
        Start();
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
            foreach (var client in _open) client.Close(0);
            _open.Clear();
        }
    }

    protected override async Task RelayAsync(Socket client, CancellationToken stop)
    {
        if (_refusing)
        {
            client.Close(0);
            return;
        }
        lock (_lock) _open.Add(client);
        using var server = new Socket(SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await server.ConnectAsync(Target, stop);
            await using var toClient = new NetworkStream(client, ownsSocket: false);
            await using var toServer = new NetworkStream(server, ownsSocket: false);
            var up = toClient.CopyToAsync(toServer, stop);
            var down = _downstream(toServer, toClient, stop);
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
}
