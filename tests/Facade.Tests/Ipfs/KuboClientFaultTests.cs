using System.Diagnostics;
using Facade.Ipfs;
using Facade.Shared.Ipfs;
using Microsoft.Extensions.Options;

namespace Facade.Tests.Ipfs;

/// <summary>Node misbehaviour the real node will not produce on demand, played by a scripted server.</summary>
public sealed class KuboClientFaultTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly Cid AnyCid = UnixFsCidCalculator.Compute("x"u8);

    [Fact]
    public async Task A_stalled_cat_body_times_out_per_read()
    {
        await using var server = new ScriptedHttpServer("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n");
        using var http = new HttpClient();
        var client = Client(http, server.Url);
        await using var stream = await client.CatAsync(AnyCid, 0, null, None);
        var buffer = new byte[5];
        await stream.ReadExactlyAsync(buffer);
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<IpfsException>(async () => await stream.ReadExactlyAsync(buffer));

        Assert.Equal(IpfsErrorKind.Timeout, error.Kind);
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(400), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_stream_error_trailer_becomes_the_error()
    {
        await using var server = new ScriptedHttpServer(
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nTrailer: X-Stream-Error\r\n\r\n3\r\nabc\r\n0\r\nX-Stream-Error: block went away\r\n\r\n");
        using var http = new HttpClient();
        await using var stream = await Client(http, server.Url).CatAsync(AnyCid, 0, null, None);

        var error = await Assert.ThrowsAsync<IpfsException>(() => stream.CopyToAsync(Stream.Null));

        Assert.Equal(IpfsErrorKind.Node, error.Kind);
        Assert.Equal("block went away", error.NodeMessage);
    }

    [Fact]
    public async Task An_error_answer_that_is_not_json_keeps_its_text()
    {
        await using var server = new ScriptedHttpServer("HTTP/1.1 502 Bad Gateway\r\nContent-Length: 12\r\nConnection: close\r\n\r\nproxy broken");
        using var http = new HttpClient();

        var error = await Assert.ThrowsAsync<IpfsException>(() => Client(http, server.Url).VersionAsync(None));

        Assert.Equal(IpfsErrorKind.Node, error.Kind);
        Assert.Equal(System.Net.HttpStatusCode.BadGateway, error.Status);
        Assert.Equal("proxy broken", error.NodeMessage);
    }

    [Fact]
    public async Task An_unreadable_answer_is_an_invalid_response()
    {
        await using var server = new ScriptedHttpServer("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nConnection: close\r\n\r\n{oops");
        using var http = new HttpClient();

        var error = await Assert.ThrowsAsync<IpfsException>(() => Client(http, server.Url).IdAsync(None));

        Assert.Equal(IpfsErrorKind.InvalidResponse, error.Kind);
    }

    [Fact]
    public async Task An_upload_the_node_stops_taking_times_out()
    {
        // Answers nothing and reads nothing after the request headers: the socket buffers fill up.
        await using var server = new ScriptedHttpServer("");
        using var http = new HttpClient();
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<IpfsException>(() =>
            Client(http, server.Url).AddAsync(new PseudoRandomStream(256L * 1024 * 1024, 5), None));

        Assert.Equal(IpfsErrorKind.Timeout, error.Kind);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }

    private static KuboClient Client(HttpClient http, string url) =>
        new(http, Options.Create(new IpfsOptions { Api = url, Timeout = TimeSpan.FromSeconds(2), ReadTimeout = TimeSpan.FromMilliseconds(500) }));
}
