using System.IO.Pipelines;

namespace Facade.Blobs;

/// <summary>A blob clients fetch elsewhere (a remote content layer): answered with a redirect to <see cref="Url"/>.</summary>
internal sealed class RedirectBlobContent(string url) : BlobContent
{
    public string Url { get; } = url;
    public override long? Length => null;
    public override string Source => "redirect";

    public override Task<long> CopyToAsync(ByteRange? range, PipeWriter writer, CancellationToken ct) =>
        throw new InvalidOperationException("a redirect has no bytes to send");
}
