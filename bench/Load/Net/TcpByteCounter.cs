using System.Net.Sockets;
using Facade.TestSupport;

namespace Facade.Load.Net;

/// <summary>
/// A TCP relay on 127.0.0.1 that counts the bytes the target sends back (headers included), so
/// a run can say how much one peer fetched from the upstream. It relays raw bytes, so it adds
/// no HTTP behaviour of its own, and pumps each direction straight through (no delay line).
/// </summary>
internal sealed class TcpByteCounter : SocketRelay
{
    private const int BufferSize = 128 * 1024;

    public TcpByteCounter(Uri target) : base(target)
    {
        BaseUri = new Uri($"http://127.0.0.1:{Port}/");
        Start();
    }

    /// <summary>Where to connect instead of the target.</summary>
    public Uri BaseUri { get; }

    protected override async Task RelayAsync(Socket client, CancellationToken stop)
    {
        using var _ = client;
        using var server = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        client.NoDelay = true;
        try
        {
            await server.ConnectAsync(Target, stop);
            // Each direction ends on end-of-stream (passing the half-close on) or closes both on failure.
            await Task.WhenAll(
                PumpAsync(client, server, count: false, stop),
                PumpAsync(server, client, count: true, stop));
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
                if (count) CountFromTarget(read);
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
}
