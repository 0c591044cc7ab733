using Facade.Shared.Ipfs;

namespace Facade.Tests.Ipfs;

/// <summary>The CID calculator must give exactly the CIDs the real node gives for the same bytes.</summary>
[Collection(IpfsNodeCollection.Name)]
public sealed class UnixFsCidNodeTests(IpfsNodeFixture node)
{
    private const long Chunk = UnixFsLayout.ChunkSize;
    private const long FullNode = UnixFsLayout.MaxLinksPerNode * Chunk;

    [Theory]
    [InlineData(0L)] // empty file: a single empty raw leaf
    [InlineData(1L)] // single chunk: the raw leaf is the file
    [InlineData(Chunk - 1)]
    [InlineData(Chunk)]
    [InlineData(Chunk + 1)] // two leaves under one node
    [InlineData(FullNode)] // exactly one full node
    [InlineData(FullNode + 1)] // a second level appears
    [InlineData(10L * 1024 * 1024)]
    [InlineData(100L * 1024 * 1024)]
    public async Task Calculator_matches_the_node(long size)
    {
        var seed = (ulong)size + 1;
        var client = node.CreateClient();

        var added = await client.AddAsync(new PseudoRandomStream(size, seed), CancellationToken.None);
        var computed = await UnixFsCidCalculator.ComputeAsync(new PseudoRandomStream(size, seed));

        Assert.Equal(added.Cid.ToString(), computed.ToString());
        Assert.Equal(size <= Chunk ? Cid.RawCodec : Cid.DagPbCodec, computed.Codec);
    }
}
