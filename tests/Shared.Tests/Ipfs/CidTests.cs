using Facade.Shared.Ipfs;

namespace Facade.Shared.Tests.Ipfs;

public sealed class CidTests
{
    // The same file as the node printed it in base32 and in base58btc.
    private const string Base32 = "bafybeibyvxt26tc24iusjf4xzatfbwo46pbin5w33bkprdcvvw73hpgpli";
    private const string Base58 = "zdj7WZF9iHUxmm3izVVD8eSmv15RmuztVtG1qTBosPLVFANbj";

    [Fact]
    public void Base32_round_trips()
    {
        var cid = Cid.Parse(Base32);
        Assert.Equal(Base32, cid.ToString());
        Assert.Equal(Cid.DagPbCodec, cid.Codec);
    }

    [Fact]
    public void Base58_is_normalised_to_base32() =>
        Assert.Equal(Cid.Parse(Base32), Cid.Parse(Base58));

    [Fact]
    public void Version_0_becomes_version_1_dag_pb()
    {
        var cid = Cid.Parse("QmWfVY9y3xjsixTgbd9AorQxH7VtMpzfx2HaWtsoUYecaX");
        Assert.Equal(Cid.DagPbCodec, cid.Codec);
        Assert.StartsWith("bafybei", cid.ToString());
    }

    [Fact]
    public void Binary_form_is_version_codec_and_sha256_multihash()
    {
        var hash = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
        var bytes = new byte[Cid.ByteLength];
        Cid.FromSha256(Cid.RawCodec, hash).CopyTo(bytes);
        Assert.Equal(new byte[] { 1, 0x55, 0x12, 32 }, bytes[..4]);
        Assert.Equal(hash, bytes[4..]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("b")]
    [InlineData("bafybeibyvxt26tc24iusjf4xzatfbwo46pbin5w33bkprdcvvw73hpgpl")] // truncated
    [InlineData("bafybeibyvxt26tc24iusjf4xzatfbwo46pbin5w33bkprdcvvw73hpgpli0")] // not base32
    [InlineData("BAFYBEIBYVXT26TC24IUSJF4XZATFBWO46PBIN5W33BKPRDCVVW73HPGPLI")] // upper-case multibase not accepted
    [InlineData("mAXASIDiu3n0yq0gpFWd3QsyqBvGDs0jdA7aGL2aIh7RRBAQO")] // base64 multibase
    [InlineData("zdj7WZF9iHUxmm3izVVD8eSmv15RmuztVtG1qTBosPLVFANb0")] // '0' is not base58
    [InlineData("sha256:0000")]
    public void Rejects(string text)
    {
        Assert.False(Cid.TryParse(text, out _));
        Assert.Throws<FormatException>(() => Cid.Parse(text));
    }

    [Fact]
    public void Equality_follows_the_value()
    {
        Assert.True(Cid.Parse(Base32) == Cid.Parse(Base58));
        Assert.NotEqual(Cid.Parse(Base32), UnixFsCidCalculator.Compute([1]));
        Assert.True(default(Cid).IsEmpty);
    }
}
