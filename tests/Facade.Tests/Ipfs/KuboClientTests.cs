using System.Diagnostics;
using Facade.Ipfs;
using Facade.Shared.Ipfs;
using Facade.TestSupport;
using Microsoft.Extensions.Options;

namespace Facade.Tests.Ipfs;

[Collection(IpfsNodeCollection.Name)]
public sealed class KuboClientTests(IpfsNodeFixture node)
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Version_and_id_describe_the_node()
    {
        var client = node.CreateClient();
        var version = await client.VersionAsync(None);
        var id = await client.IdAsync(None);

        Assert.Matches(@"^\d+\.\d+\.\d+", version);
        Assert.StartsWith("12D3Koo", id.Id);
        Assert.Contains("js-ipfs", id.AgentVersion);
        Assert.All(id.Addresses, a => Assert.StartsWith("/ip4/127.0.0.1/tcp/", a));
    }

    [Fact]
    public async Task Add_then_cat_returns_the_same_bytes()
    {
        var content = PseudoRandomStream.Bytes(600_000, 11);
        var client = node.CreateClient();

        var added = await client.AddAsync(new PseudoRandomStream(content.Length, 11), None);
        await using var stream = await client.CatAsync(added.Cid, 0, null, None);
        var read = new MemoryStream();
        await stream.CopyToAsync(read);

        Assert.Equal(Cid.DagPbCodec, added.Cid.Codec);
        Assert.StartsWith("bafybei", added.Cid.ToString());
        Assert.True(added.DagSize > content.Length);
        Assert.Equal(content, read.ToArray());
    }

    [Theory]
    [InlineData(0, 10)]
    [InlineData(262_140, 10)] // across the first chunk boundary
    [InlineData(599_990, 10)] // the last bytes
    [InlineData(599_995, 100)] // length past the end: only what exists
    [InlineData(300_000, 0)]
    public async Task Cat_honours_offset_and_length(long offset, long length)
    {
        var content = PseudoRandomStream.Bytes(600_000, 12);
        var client = node.CreateClient();
        var added = await client.AddAsync(new MemoryStream(content), None);

        await using var stream = await client.CatAsync(added.Cid, offset, length, None);
        var read = new MemoryStream();
        await stream.CopyToAsync(read);

        var expected = content.AsSpan((int)offset, (int)Math.Min(length, content.Length - offset)).ToArray();
        Assert.Equal(expected, read.ToArray());
    }

    [Fact]
    public async Task Stat_reports_size_blocks_and_a_base32_cid()
    {
        var client = node.CreateClient();
        var added = await client.AddAsync(new PseudoRandomStream(300_000, 13), None);

        var stat = await client.StatAsync(added.Cid, None);

        Assert.Equal(added.Cid, stat.Cid);
        Assert.Equal(300_000, stat.Size);
        Assert.Equal(added.DagSize, stat.CumulativeSize);
        Assert.Equal(2, stat.Blocks);
        Assert.Equal("file", stat.Type);
    }

    [Fact]
    public async Task Cat_of_a_missing_cid_fails_quickly_with_the_node_message()
    {
        var client = node.CreateClient(timeout: TimeSpan.FromSeconds(2));
        // Content no test adds: its block is nowhere, and the node has no peers to ask.
        var missing = UnixFsCidCalculator.Compute("never added to any node"u8);
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<IpfsException>(async () =>
        {
            await using var stream = await client.CatAsync(missing, 0, null, None);
            await stream.CopyToAsync(Stream.Null);
        });

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
        Assert.Equal("cat", error.Operation);
        Assert.False(string.IsNullOrEmpty(error.NodeMessage));
        Assert.Contains(error.NodeMessage!, error.Message);
    }

    [Fact]
    public async Task Stat_of_a_missing_cid_fails_quickly()
    {
        var client = node.CreateClient(timeout: TimeSpan.FromSeconds(2));
        var missing = UnixFsCidCalculator.Compute("also never added"u8);
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<IpfsException>(() => client.StatAsync(missing, None));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
        Assert.Contains(error.Kind, new[] { IpfsErrorKind.Node, IpfsErrorKind.Timeout });
    }

    [Fact]
    public async Task An_unreachable_node_is_a_clear_error()
    {
        using var http = new HttpClient();
        var client = new KuboClient(http, Options.Create(new IpfsOptions { Api = $"/ip4/127.0.0.1/tcp/{FreePort.Next()}" }));

        var error = await Assert.ThrowsAsync<IpfsException>(() => client.VersionAsync(None));

        Assert.Equal(IpfsErrorKind.Unreachable, error.Kind);
        Assert.Equal("version", error.Operation);
    }

    [Fact]
    public async Task Calls_accept_a_multiaddr_api_address()
    {
        using var http = new HttpClient();
        var port = new Uri(node.ApiUrl).Port;
        var client = new KuboClient(http, Options.Create(new IpfsOptions { Api = $"/ip4/127.0.0.1/tcp/{port}" }));

        Assert.False(string.IsNullOrEmpty(await client.VersionAsync(None)));
    }
}
