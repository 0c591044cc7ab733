using Facade.Shared.Oci;

namespace Facade.Shared.Tests.Oci;

public sealed class ReferenceTests
{
    private const string D = "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    [Theory]
    [InlineData("alpine", "docker.io", "library/alpine", "latest", null)]
    [InlineData("alpine:3.19", "docker.io", "library/alpine", "3.19", null)]
    [InlineData("user/app", "docker.io", "user/app", "latest", null)]
    [InlineData("docker.io/alpine", "docker.io", "library/alpine", "latest", null)]
    [InlineData("127.0.0.1:5000/a/b/c:v1", "127.0.0.1:5000", "a/b/c", "v1", null)]
    [InlineData("localhost/app", "localhost", "app", "latest", null)]
    [InlineData("example.com/app@" + D, "example.com", "app", null, D)]
    [InlineData("example.com/app:v2@" + D, "example.com", "app", "v2", D)]
    public void Parses_and_normalises(string text, string registry, string repository, string? tag, string? digest)
    {
        var reference = Reference.Parse(text);
        Assert.Equal(registry, reference.Registry);
        Assert.Equal(repository, reference.Repository);
        Assert.Equal(tag, reference.Tag);
        Assert.Equal(digest, reference.Digest?.Value);
        Assert.Equal(digest ?? tag, reference.Identifier);
    }

    [Theory]
    [InlineData("")]
    [InlineData("host.io/UPPER/case")]
    [InlineData("app:")]
    [InlineData("app:-bad")]
    [InlineData("app@sha256:abc")]
    [InlineData("host.io/")]
    [InlineData("a//b")]
    public void Rejects_invalid(string text)
    {
        Assert.False(Reference.TryParse(text, out _, out var error));
        Assert.NotEmpty(error);
    }

    [Fact]
    public void Round_trips_to_text()
    {
        Assert.Equal("docker.io/library/alpine:latest", Reference.Parse("alpine").ToString());
        Assert.Equal($"h:1/x@{D}", Reference.Parse($"h:1/x@{D}").ToString());
    }
}
