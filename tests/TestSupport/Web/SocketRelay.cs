using System.Net;
using System.Net.Sockets;

namespace Facade.TestSupport;

/// <summary>
/// What every raw relay on 127.0.0.1 shares: the listener on a free port, the accept loop, the
/// connections in flight (each relayed by <see cref="RelayAsync"/>), a count of the bytes the
/// target sent back, and a stop that waits for every connection to end.
/// </summary>
public abstract class SocketRelay : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _connections = [];
    private Task? _accepting;
    private long _bytesFromTarget;

    protected SocketRelay(Uri target)
    {
        Target = new DnsEndPoint(target.Host, target.Port);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
    }

    /// <summary>The port the relay listens on (127.0.0.1).</summary>
    public int Port { get; }

    /// <summary>Bytes the target sent since the start or the last <see cref="Reset"/>.</summary>
    public long BytesFromTarget => Interlocked.Read(ref _bytesFromTarget);

    /// <summary>Starts counting from zero.</summary>
    public void Reset() => Interlocked.Exchange(ref _bytesFromTarget, 0);

    protected DnsEndPoint Target { get; }

    /// <summary>Adds bytes that came from the target.</summary>
    protected void CountFromTarget(int bytes) => Interlocked.Add(ref _bytesFromTarget, bytes);

    /// <summary>Starts accepting; called by the derived constructor once it is fully set up.</summary>
    protected void Start() => _accepting = AcceptAsync();

    /// <summary>Relays one accepted connection until either side ends or <paramref name="stop"/> fires; owns <paramref name="client"/>.</summary>
    protected abstract Task RelayAsync(Socket client, CancellationToken stop);

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try { client = await _listener.AcceptSocketAsync(_stop.Token); }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException) { return; }
            lock (_connections)
            {
                _connections.RemoveAll(t => t.IsCompleted);
                _connections.Add(RelayAsync(client, _stop.Token));
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        if (_accepting is not null) await _accepting;
        Task[] open;
        lock (_connections) open = [.. _connections];
        await Task.WhenAll(open);
        _stop.Dispose();
        GC.SuppressFinalize(this);
    }
}
