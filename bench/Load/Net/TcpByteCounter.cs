using System.Net;
using System.Net.Sockets;

namespace Facade.Load.Net;

/// <summary>
/// A TCP relay on 127.0.0.1 that counts the bytes the target sends back (headers included), so
/// a run can say how much one peer fetched from the upstream. It relays raw bytes, so it adds
/// no HTTP behaviour of its own.
/// </summary>
internal sealed class TcpByteCounter : IAsyncDisposable
{
    private const int BufferSize = 128 * 1024;
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly DnsEndPoint _target;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _connections = [];
    private readonly Task _accepting;
    private long _bytesFromTarget;

    public TcpByteCounter(Uri target)
    {
        _target = new DnsEndPoint(target.Host, target.Port);
        _listener.Start();
        BaseUri = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
        _accepting = AcceptAsync();
    }

    /// <summary>Where to connect instead of the target.</summary>
    public Uri BaseUri { get; }

    /// <summary>Bytes the target sent since the start or the last <see cref="Reset"/>.</summary>
    public long BytesFromTarget => Interlocked.Read(ref _bytesFromTarget);

    /// <summary>Starts counting from zero.</summary>
    public void Reset() => Interlocked.Exchange(ref _bytesFromTarget, 0);

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try { client = await _listener.AcceptSocketAsync(_stop.Token); }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException) { return; }
            lock (_connections) _connections.Add(RelayAsync(client));
        }
    }

    private async Task RelayAsync(Socket client)
    {
        using var _ = client;
        using var server = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        client.NoDelay = true;
        try
        {
            await server.ConnectAsync(_target, _stop.Token);
            // Each direction ends on end-of-stream (passing the half-close on) or closes both on failure.
            await Task.WhenAll(
                PumpAsync(client, server, count: false, _stop.Token),
                PumpAsync(server, client, count: true, _stop.Token));
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // One side went away: the relay simply closes both.
        }
    }

    private async Task PumpAsync(Socket from, Socket to, bool count, CancellationToken ct)
    {
        var buffer = new byte[BufferSize];
        try
        {
            while (true)
            {
                var read = await from.ReceiveAsync(buffer, SocketFlags.None, ct);
                if (read == 0) break;
                if (count) Interlocked.Add(ref _bytesFromTarget, read);
                await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, ct);
            }
            to.Shutdown(SocketShutdown.Send);
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            from.Close();
            to.Close();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        Task[] open;
        lock (_connections) open = [.. _connections];
        await Task.WhenAll(open);
        _stop.Dispose();
    }
}
