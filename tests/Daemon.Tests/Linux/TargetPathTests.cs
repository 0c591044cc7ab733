using Daemon.Linux;

namespace Daemon.Tests.Linux;

/// <summary>Lexical validation of mount targets.</summary>
public sealed class TargetPathTests
{
    [Theory]
    [InlineData("/proc")]
    [InlineData("/workspace/.supervisor/proc")]
    [InlineData("/a/b/")]
    public void AcceptsNormalizedAbsolutePaths(string path) => Assert.Null(TargetPath.Problem(path));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("/")]
    [InlineData("//")]
    [InlineData("proc")]
    [InlineData("/a/../etc")]
    [InlineData("/..")]
    [InlineData("/a/./b")]
    [InlineData("/a//b")]
    [InlineData("/a\0b")]
    [InlineData("/a\nb")]
    public void RefusesEverythingElse(string? path) => Assert.NotNull(TargetPath.Problem(path));

    [Fact]
    public void RefusesOverlongPaths() => Assert.NotNull(TargetPath.Problem("/" + new string('a', 2000)));
}
