using System.Net.Http.Headers;
using Daemon.Storage.S3;

namespace Daemon.Tests.Storage;

/// <summary>
/// The SigV4 signer against the "GET Object" example of the S3 API reference (signature
/// version 4, header authentication), since s3rver does not verify V4 signatures.
/// </summary>
public sealed class SigV4SignerTests
{
    private const string DocumentedSignature = "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41";

    [Fact]
    public void SignatureMatchesTheDocumentedExample()
    {
        var clock = new FixedClock(new DateTimeOffset(2013, 5, 24, 0, 0, 0, TimeSpan.Zero));
        var signer = new SigV4Signer("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "us-east-1", clock);
        var request = new HttpRequestMessage(HttpMethod.Get, "https://examplebucket.s3.amazonaws.com/test.txt");
        request.Headers.Range = new RangeHeaderValue(0, 9);

        signer.Sign(request, SigV4Signer.EmptyPayloadHash);

        Assert.Equal("20130524T000000Z", request.Headers.GetValues("x-amz-date").Single());
        Assert.Equal(
            "Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, Signature=" + DocumentedSignature,
            request.Headers.Authorization!.Parameter);
    }

    [Fact]
    public void AnotherSecretGivesAnotherSignature()
    {
        var clock = new FixedClock(new DateTimeOffset(2013, 5, 24, 0, 0, 0, TimeSpan.Zero));
        var request = new HttpRequestMessage(HttpMethod.Get, "https://examplebucket.s3.amazonaws.com/test.txt");
        request.Headers.Range = new RangeHeaderValue(0, 9);

        new SigV4Signer("AKIAIOSFODNN7EXAMPLE", "another-secret", "us-east-1", clock).Sign(request, SigV4Signer.EmptyPayloadHash);

        Assert.DoesNotContain(DocumentedSignature, request.Headers.Authorization!.Parameter);
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
