using System.Buffers;
using Facade.Metrics;
using Facade.Shared.Errors;
using Facade.Shared.Oci;
using Facade.Upstreams;

namespace Facade.Manifests;

/// <summary>
/// Talks to upstreams about manifests: HEAD to resolve a tag, GET with every manifest type
/// accepted, bodies capped at <see cref="RawManifest.MaxSize"/>, digests verified when asked by
/// digest. Throws <see cref="UpstreamException"/> with the client-facing error.
/// </summary>
internal sealed class ManifestFetcher(UpstreamSender sender, FacadeMetrics metrics)
{
    private static readonly string AcceptAll = string.Join(", ", MediaTypes.AllManifests);

    /// <summary>Resolves a tag to a digest by HEAD; null when the upstream does not say.</summary>
    public async Task<Digest?> ResolveAsync(UpstreamTarget target, string tag, CancellationToken ct)
    {
        metrics.UpstreamFetch("manifest-head");
        using var response = await sender.SendAsync(target.Upstream, HttpMethod.Head,
            target.Upstream.V2($"{target.Repository}/manifests/{tag}"), AddAccept, ct).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
            throw new UpstreamException(UpstreamFailure.FromStatus(target.Upstream, response.StatusCode, OciErrorCode.ManifestUnknown));
        return response.Headers.TryGetValues("Docker-Content-Digest", out var values)
            && Digest.TryParse(values.FirstOrDefault(), out var digest) ? digest : null;
    }

    /// <summary>Fetches a manifest by tag or digest; a digest request is verified against its digest.</summary>
    public async Task<RawManifest> FetchAsync(UpstreamTarget target, string reference, CancellationToken ct)
    {
        metrics.UpstreamFetch("manifest");
        using var response = await sender.SendAsync(target.Upstream, HttpMethod.Get,
            target.Upstream.V2($"{target.Repository}/manifests/{reference}"), AddAccept, ct).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
            throw new UpstreamException(UpstreamFailure.FromStatus(target.Upstream, response.StatusCode, OciErrorCode.ManifestUnknown));
        var bytes = await ReadCappedAsync(target.Upstream, response, ct).ConfigureAwait(false);
        metrics.UpstreamBytes(bytes.Length);
        var mediaType = MediaTypeOf(response, bytes) ?? throw new UpstreamException(
            new OciError(OciErrorCode.BadGateway, $"upstream {target.Upstream.Name} sent a manifest of unknown type"));
        if (Digest.TryParse(reference, out var expected))
        {
            if (!expected.Matches(bytes))
            {
                metrics.VerifyFailure();
                throw new UpstreamException(new OciError(OciErrorCode.BadGateway,
                    $"upstream {target.Upstream.Name} sent a manifest that does not match {expected}"));
            }
            return new RawManifest(bytes, mediaType, expected);
        }
        return RawManifest.Create(bytes, mediaType);
    }

    private static void AddAccept(HttpRequestMessage request) => request.Headers.TryAddWithoutValidation("Accept", AcceptAll);

    private async Task<byte[]> ReadCappedAsync(UpstreamRegistry upstream, HttpResponseMessage response, CancellationToken ct)
    {
        if (response.Content.Headers.ContentLength > RawManifest.MaxSize)
            throw new UpstreamException(new OciError(OciErrorCode.BadGateway, $"upstream {upstream.Name} sent an oversized manifest"));
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(ct);
        idle.CancelAfter(sender.Idle);
        try
        {
            await using var body = await response.Content.ReadAsStreamAsync(idle.Token).ConfigureAwait(false);
            var buffer = new ArrayBufferWriter<byte>((int)(response.Content.Headers.ContentLength ?? 4096));
            while (true)
            {
                var read = await body.ReadAsync(buffer.GetMemory(16384), idle.Token).ConfigureAwait(false);
                if (read == 0) break;
                buffer.Advance(read);
                if (buffer.WrittenCount > RawManifest.MaxSize)
                    throw new UpstreamException(new OciError(OciErrorCode.BadGateway, $"upstream {upstream.Name} sent an oversized manifest"));
            }
            if (response.Content.Headers.ContentLength is { } length && length != buffer.WrittenCount)
                throw new UpstreamException(new OciError(OciErrorCode.BadGateway, $"upstream {upstream.Name} sent a truncated manifest"));
            return buffer.WrittenSpan.ToArray();
        }
        catch (Exception e) when (e is IOException or HttpRequestException || (e is OperationCanceledException && !ct.IsCancellationRequested))
        {
            throw new UpstreamException(UpstreamFailure.FromException(upstream, e));
        }
    }

    // The declared Content-Type when it is a manifest type, else the body's own mediaType field.
    private static string? MediaTypeOf(HttpResponseMessage response, byte[] bytes)
    {
        var declared = response.Content.Headers.ContentType?.MediaType;
        if (MediaTypes.IsManifest(declared)) return declared;
        try
        {
            var inferred = ManifestDocument.Parse(bytes).InferMediaType();
            return MediaTypes.IsManifest(inferred) ? inferred : null;
        }
        catch (ManifestFormatException)
        {
            return null;
        }
    }
}
