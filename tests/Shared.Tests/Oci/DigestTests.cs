using Facade.Shared.Oci;

namespace Facade.Shared.Tests.Oci;

public sealed class DigestTests
{
    private const string Sha256Empty = "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    [Theory]
    [InlineData(Sha256Empty, true)]
    [InlineData("sha512:cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e", true)]
    [InlineData("sha256:E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855", false)]
    [InlineData("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b85", false)]
    [InlineData("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b8555", false)]
    [InlineData("sha384:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", false)]
    [InlineData("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", false)]
    [InlineData(":e3b0", false)]
    [InlineData("sha256:", false)]
    [InlineData("sha256:zzb0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Parses_only_strict_digests(string? text, bool valid)
    {
        Assert.Equal(valid, Digest.TryParse(text, out var digest));
        if (valid) Assert.Equal(text, digest.Value);
    }

    [Fact]
    public void Computes_and_matches_sha256()
    {
        var digest = Digest.Sha256Of([]);
        Assert.Equal(Sha256Empty, digest.Value);
        Assert.True(digest.Matches([]));
        Assert.False(digest.Matches([1]));
        using var hasher = digest.CreateHasher();
        hasher.AppendData("abc"u8);
        Assert.False(digest.MatchesHash(hasher));
    }

    [Fact]
    public void Sha512_digests_verify_with_their_own_algorithm()
    {
        var digest = Digest.Parse("sha512:cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e");
        Assert.Equal(DigestAlgorithm.Sha512, digest.Algorithm);
        Assert.True(digest.Matches([]));
        Assert.Equal(128, digest.Encoded.Length);
    }

    [Fact]
    public void Parse_throws_format_exception_with_the_text()
    {
        var e = Assert.Throws<FormatException>(() => Digest.Parse("md5:abc"));
        Assert.Contains("md5:abc", e.Message);
    }
}
