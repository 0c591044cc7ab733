using Facade.Shared.Oci;

namespace Facade.Shared.Tests.Oci;

public sealed class RepositoryNameTests
{
    [Theory]
    [InlineData("a", true)]
    [InlineData("library/alpine", true)]
    [InlineData("a/b/c/d", true)]
    [InlineData("a.b_c__d-e--f", true)]
    [InlineData("a___b", false)]
    [InlineData("a..b", false)]
    [InlineData("-a", false)]
    [InlineData("a-", false)]
    [InlineData("A", false)]
    [InlineData("a//b", false)]
    [InlineData("/a", false)]
    [InlineData("a/", false)]
    [InlineData("", false)]
    [InlineData("a b", false)]
    public void Validates_names(string name, bool valid) => Assert.Equal(valid, RepositoryName.IsValid(name));

    [Fact]
    public void Limits_name_length()
    {
        Assert.True(RepositoryName.IsValid(new string('a', 255)));
        Assert.False(RepositoryName.IsValid(new string('a', 256)));
    }

    [Theory]
    [InlineData("latest", true)]
    [InlineData("_x", true)]
    [InlineData("V1.2-rc_3", true)]
    [InlineData(".x", false)]
    [InlineData("-x", false)]
    [InlineData("a:b", false)]
    [InlineData("", false)]
    public void Validates_tags(string tag, bool valid) => Assert.Equal(valid, RepositoryName.IsValidTag(tag));

    [Fact]
    public void Limits_tag_length()
    {
        Assert.True(RepositoryName.IsValidTag(new string('a', 128)));
        Assert.False(RepositoryName.IsValidTag(new string('a', 129)));
    }
}
