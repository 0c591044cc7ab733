using Facade.Shared.Ipfs;

namespace Facade.Shared.Tests.Ipfs;

public sealed class UnixFsCidBuilderTests
{
    [Theory]
    // Values printed by the IPFS node for the same content added with UnixFsLayout.AddQuery.
    [InlineData(0, "bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku")]
    [InlineData(262145, "bafybeiexg2oqkfnj56l7fcmawswqbijt5shq4b5rg6a546uwpkqqzwjioi")]
    [InlineData(174 * 262144 + 1, "bafybeib4y7ghw2rq7bracc4xwtxrbzo7cfvagdpte2tmrkgwl6dyard3cm")]
    public void Matches_node_values(int size, string expected) =>
        Assert.Equal(expected, UnixFsCidCalculator.Compute(Pattern(size)).ToString());

    [Fact]
    public void A_single_byte_is_a_raw_leaf() =>
        Assert.Equal("bafkreigks6arfsq3xxfpvqrrwonchxcnu6do76auprhhfomao6c273sixm", UnixFsCidCalculator.Compute("a"u8).ToString());

    [Fact]
    public void One_full_chunk_is_still_a_raw_leaf()
    {
        var content = Pattern(UnixFsLayout.ChunkSize);
        Span<byte> hash = stackalloc byte[32];
        System.Security.Cryptography.SHA256.HashData(content, hash);
        Assert.Equal(Cid.FromSha256(Cid.RawCodec, hash), UnixFsCidCalculator.Compute(content));
    }

    [Fact]
    public void Slicing_of_the_input_does_not_change_the_result()
    {
        var content = Pattern(3 * UnixFsLayout.ChunkSize + 12345);
        var whole = UnixFsCidCalculator.Compute(content);
        var random = new Random(7);
        using var builder = new UnixFsCidBuilder();
        var rest = content.AsSpan();
        while (!rest.IsEmpty)
        {
            var take = Math.Min(rest.Length, random.Next(0, 100_000));
            builder.Append(rest[..take]);
            rest = rest[take..];
        }
        Assert.Equal(content.Length, builder.Length);
        Assert.Equal(whole, builder.Complete());
    }

    [Fact]
    public async Task The_stream_form_equals_the_span_form()
    {
        var content = Pattern(UnixFsLayout.ChunkSize + 1);
        Assert.Equal(UnixFsCidCalculator.Compute(content), await UnixFsCidCalculator.ComputeAsync(new MemoryStream(content)));
    }

    [Fact]
    public void A_completed_builder_refuses_more_input()
    {
        using var builder = new UnixFsCidBuilder();
        builder.Append([1, 2, 3]);
        builder.Complete();
        Assert.Throws<ObjectDisposedException>(() => builder.Append([4]));
        Assert.Throws<ObjectDisposedException>(() => builder.Complete());
    }

    private static byte[] Pattern(int size)
    {
        var bytes = new byte[size];
        for (var i = 0; i < size; i++) bytes[i] = (byte)(i % 251);
        return bytes;
    }
}
