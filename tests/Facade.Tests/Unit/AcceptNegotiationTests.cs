using Facade.Http;
using Facade.Shared.Oci;
using Microsoft.Extensions.Primitives;

namespace Facade.Tests.Unit;

public sealed class AcceptNegotiationTests
{
    [Theory]
    [InlineData(null, MediaTypes.OciManifest, true)]
    [InlineData("*/*", MediaTypes.DockerManifest, true)]
    [InlineData("application/*", MediaTypes.OciIndex, true)]
    [InlineData(MediaTypes.OciManifest, MediaTypes.OciManifest, true)]
    [InlineData(MediaTypes.DockerManifest + ", " + MediaTypes.DockerManifestList, MediaTypes.OciIndex, false)]
    [InlineData(MediaTypes.DockerManifest + ";q=0.5, " + MediaTypes.OciIndex, MediaTypes.DockerManifest, true)]
    [InlineData(MediaTypes.OciManifest + ";q=0, */*", MediaTypes.OciManifest, false)]
    [InlineData("text/html", MediaTypes.OciManifest, false)]
    public void Negotiates(string? accept, string mediaType, bool accepted) =>
        Assert.Equal(accepted, AcceptNegotiation.Accepts(accept is null ? StringValues.Empty : new StringValues(accept), mediaType));

    [Fact]
    public void Several_header_lines_count_together() =>
        Assert.True(AcceptNegotiation.Accepts(new StringValues([MediaTypes.DockerManifest, MediaTypes.OciIndex]), MediaTypes.OciIndex));
}
