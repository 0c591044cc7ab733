using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Facade.Tests.Ipfs;

/// <summary>
/// Fault injection only: a loopback TCP server that answers every connection with fixed raw
/// HTTP bytes and then either stalls (keeps the connection open, reads nothing more) or closes.
/// Used to play a node that stops streaming, reports a stream error, or stops taking an upload.
/// </summary>
internal sealed class ScriptedHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<TcpClient> _clients = [];
    private readonly Task _accepting;

    public ScriptedHttpServer(string rawResponse, bool readRequestHeaders = true)
    {
        _listener.Start();
        _accepting = AcceptAsync(Encoding.ASCII.GetBytes(rawResponse), readRequestHeaders);
    }

    public string Url => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

    private async Task AcceptAsync(byte[] response, bool readRequestHeaders)
    {
        try
        {
            while (true)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                lock (_clients) _clients.Add(client);
                var stream = client.GetStream();
                if (readRequestHeaders) await ReadHeadersAsync(stream);
                await stream.WriteAsync(response, _stop.Token);
                // Then nothing: the connection stays open and unread until disposal.
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or IOException or ObjectDisposedException)
        {
            // Disposal ends the loop.
        }
    }

    private async Task ReadHeadersAsync(NetworkStream stream)
    {
        var seen = new List<byte>();
        var one = new byte[1];
        while (await stream.ReadAsync(one, _stop.Token) == 1)
        {
            seen.Add(one[0]);
            if (seen.Count >= 4 && seen[^4] == '\r' && seen[^3] == '\n' && seen[^2] == '\r' && seen[^1] == '\n') return;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        lock (_clients) _clients.ForEach(c => c.Dispose());
        await _accepting;
        _stop.Dispose();
    }
}
