using System.IO.Pipelines;
using Facade.Blobs;
using Facade.Http;
using Facade.Shared.Oci;
using Facade.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging.Abstractions;

namespace Facade.Tests.Unit;

/// <summary>
/// A body that ends short (the copy stopped because the client went away) breaks the connection
/// instead of ending the request: the server must not finish it as if the application had
/// written too few bytes, and a client must never see a clean end of a partial blob.
/// </summary>
public sealed class BlobResponderTests
{
    private const long BlobLength = 1000;
    private static readonly Digest AnyDigest = Digest.Sha256Of("any blob"u8);

    [Theory]
    [InlineData(null, 400, true)]
    [InlineData(null, 1000, false)]
    [InlineData("bytes=100-199", 40, true)]
    [InlineData("bytes=100-199", 100, false)]
    public async Task A_copy_that_ends_short_aborts_the_connection(string? range, long copied, bool aborted)
    {
        using var test = new FillTestContext();
        var lifetime = new RecordingLifetime();
        var context = new DefaultHttpContext();
        context.Features.Set<IHttpRequestLifetimeFeature>(lifetime);
        context.Request.Method = HttpMethods.Get;
        if (range is not null) context.Request.Headers.Range = range;
        context.Response.Body = new MemoryStream();
        var responder = new BlobResponder(test.Metrics, NullLogger<BlobResponder>.Instance);

        await responder.WriteAsync(context, AnyDigest, new StoppingContent(copied));

        Assert.Equal(range is null ? 200 : 206, context.Response.StatusCode);
        Assert.Equal(aborted, lifetime.Aborted);
    }

    /// <summary>A blob of <see cref="BlobLength"/> bytes whose copy reports <c>copied</c> bytes written, as one cut off by a departed client does.</summary>
    private sealed class StoppingContent(long copied) : BlobContent
    {
        public override long? Length => BlobLength;
        public override string Source => "test";

        public override async Task<long> CopyToAsync(ByteRange? range, PipeWriter writer, CancellationToken ct)
        {
            await writer.WriteAsync(new byte[copied], ct);
            return copied;
        }
    }

    private sealed class RecordingLifetime : IHttpRequestLifetimeFeature
    {
        public CancellationToken RequestAborted { get; set; }
        public bool Aborted { get; private set; }
        public void Abort() => Aborted = true;
    }
}
