using Facade.Blobs;

namespace Facade.Tests.Unit;

public sealed class ByteRangeTests
{
    [Theory]
    [InlineData("bytes=0-9", 100, 0, 10)]
    [InlineData("bytes=90-", 100, 90, 10)]
    [InlineData("bytes=-10", 100, 90, 10)]
    [InlineData("bytes=-1000", 100, 0, 100)]
    [InlineData("bytes=50-1000", 100, 50, 50)]
    [InlineData("bytes=99-99", 100, 99, 1)]
    public void Satisfiable(string header, long length, long offset, long count)
    {
        Assert.Equal(ByteRange.Outcome.Satisfiable, ByteRange.TryParse(header, length, out var range));
        Assert.Equal(new ByteRange(offset, count), range);
    }

    [Theory]
    [InlineData("bytes=100-", 100)]
    [InlineData("bytes=200-300", 100)]
    [InlineData("bytes=-0", 100)]
    [InlineData("bytes=0-", 0)]
    public void Unsatisfiable(string header, long length) =>
        Assert.Equal(ByteRange.Outcome.Unsatisfiable, ByteRange.TryParse(header, length, out _));

    [Theory]
    [InlineData("items=0-1")]
    [InlineData("bytes=a-b")]
    [InlineData("bytes=5-1")]
    [InlineData("bytes=0-1,4-5")]
    [InlineData("bytes=")]
    [InlineData("bytes=-")]
    [InlineData("bytes=99999999999999999999-")]
    public void Malformed(string header) => Assert.Equal(ByteRange.Outcome.Malformed, ByteRange.TryParse(header, 100, out _));

    [Fact]
    public void No_header_means_whole_blob() => Assert.Equal(ByteRange.Outcome.None, ByteRange.TryParse(null, 100, out _));
}
