using System.Net;
using System.Net.Sockets;

namespace Facade.TestSupport;

/// <summary>
/// A TCP relay on 127.0.0.1 that holds every byte for a fixed one-way delay in each direction (a
/// round trip of twice that), optionally at a capped link rate: a far server, on a kernel
/// without <c>netem</c>. Bytes pass unchanged, so TLS runs end to end through it. It terminates
/// TCP on both sides: TCP's own windows and handshake see loopback; what runs above TCP (TLS and
/// HTTP/2 round trips, HTTP/2 flow-control windows) sees the delay. Counts the bytes the target
/// sends back.
/// </summary>
public sealed class DelayRelay : SocketRelay
{
    /// <summary>Bytes held per direction and connection before the relay stops reading (back-pressure).</summary>
    public const long MaxInFlight = 64L * 1024 * 1024;

    private readonly TimeSpan _oneWay;
    private readonly TimeProvider _time;
    private readonly long? _bytesPerSecond;

    /// <summary>
    /// Starts relaying to <paramref name="target"/>'s host and port with <paramref name="oneWay"/>
    /// delay each way and, with <paramref name="bytesPerSecond"/>, at most that rate in each
    /// direction of each connection (without it, as fast as loopback).
    /// </summary>
    public DelayRelay(Uri target, TimeSpan oneWay, TimeProvider? time = null, long? bytesPerSecond = null) : base(Checked(target, bytesPerSecond))
    {
        _oneWay = oneWay;
        _bytesPerSecond = bytesPerSecond;
        _time = time ?? TimeProvider.System;
        Start();
    }

    // Checked before the base class opens its listener, so a refused rate leaves nothing open.
    private static Uri Checked(Uri target, long? bytesPerSecond) =>
        bytesPerSecond is <= 0 ? throw new ArgumentOutOfRangeException(nameof(bytesPerSecond), "a link rate is positive") : target;

    /// <summary>The relay's address with <paramref name="scheme"/> (the target's own scheme: https passes through).</summary>
    public Uri BaseUri(string scheme) => new($"{scheme}://127.0.0.1:{Port}/");

    protected override async Task RelayAsync(Socket client, CancellationToken stop)
    {
        using var server = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        using var cut = CancellationTokenSource.CreateLinkedTokenSource(stop);
        client.NoDelay = true;
        var clean = false;
        try
        {
            await server.ConnectAsync(Target, cut.Token);
            var up = new DelayedDirection(client, server, _oneWay, MaxInFlight, _time, null, _bytesPerSecond);
            var down = new DelayedDirection(server, client, _oneWay, MaxInFlight, _time, CountFromTarget, _bytesPerSecond);
            await Task.WhenAll(Guard(up.RunAsync(cut.Token), cut), Guard(down.RunAsync(cut.Token), cut));
            clean = !cut.IsCancellationRequested;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException)
        {
            // The target refused or the relay is stopping.
        }
        finally
        {
            // A failure on one side reaches the other as a reset, as a broken path would.
            if (clean) client.Dispose();
            else
            {
                client.Close(0);
                server.Close(0);
            }
        }
    }

    /// <summary>Waits for one direction; its failure cuts the whole connection.</summary>
    private static async Task Guard(Task direction, CancellationTokenSource cut)
    {
        try
        {
            await direction;
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException
                                      or InvalidOperationException or System.Threading.Channels.ChannelClosedException)
        {
            await cut.CancelAsync();
        }
    }
}
