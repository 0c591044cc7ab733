using System.Text.Json;
using Facade.Shared.Errors;

namespace Facade.Shared.Tests.Oci;

public sealed class OciErrorTests
{
    [Theory]
    [InlineData(OciErrorCode.NameInvalid, "NAME_INVALID", 400)]
    [InlineData(OciErrorCode.NameUnknown, "NAME_UNKNOWN", 404)]
    [InlineData(OciErrorCode.ManifestUnknown, "MANIFEST_UNKNOWN", 404)]
    [InlineData(OciErrorCode.ManifestInvalid, "MANIFEST_INVALID", 400)]
    [InlineData(OciErrorCode.ManifestTooLarge, "MANIFEST_INVALID", 413)]
    [InlineData(OciErrorCode.BlobUnknown, "BLOB_UNKNOWN", 404)]
    [InlineData(OciErrorCode.DigestInvalid, "DIGEST_INVALID", 400)]
    [InlineData(OciErrorCode.Unauthorized, "UNAUTHORIZED", 401)]
    [InlineData(OciErrorCode.Denied, "DENIED", 403)]
    [InlineData(OciErrorCode.Unsupported, "UNSUPPORTED", 405)]
    [InlineData(OciErrorCode.TooManyRequests, "TOOMANYREQUESTS", 429)]
    public void Codes_carry_their_status_in_the_envelope(OciErrorCode code, string wire, int status)
    {
        var error = new OciError(code, "it's \"quoted\"");
        Assert.Equal(status, error.Status);
        using var json = JsonDocument.Parse(error.ToEnvelope());
        var entry = json.RootElement.GetProperty("errors")[0];
        Assert.Equal(wire, entry.GetProperty("code").GetString());
        Assert.Equal("it's \"quoted\"", entry.GetProperty("message").GetString());
    }

    [Fact]
    public void Every_code_has_a_row()
    {
        foreach (var code in Enum.GetValues<OciErrorCode>())
            Assert.InRange(OciErrorTable.Get(code).Status, 400, 599);
    }
}
