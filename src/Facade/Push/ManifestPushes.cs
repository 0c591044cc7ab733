using Facade.Http;
using Facade.Manifests;
using Facade.Routing;
using Facade.Shared.Errors;
using Facade.Shared.Oci;
using Facade.Upstreams;

namespace Facade.Push;

/// <summary>
/// Manifest PUT through the facade: validated here (see <see cref="ManifestValidation"/>), then
/// forwarded. After the upstream stored it, the repository's cached tags are forgotten (so a pull
/// by tag sees the new digest at once) and, when the manifest has a <c>subject</c> the upstream
/// did not acknowledge, the subject's referrers tag is updated and <c>OCI-Subject</c> answered.
/// </summary>
internal sealed class ManifestPushes(PushForwarder forwarder, ManifestService manifests, ReferrersTagWriter referrers)
{
    public async Task PutAsync(HttpContext context, DistributionRoute route, UpstreamTarget target)
    {
        var body = await ReadBodyAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
        if (body is null)
        {
            await OciResults.WriteErrorAsync(context, new OciError(OciErrorCode.ManifestTooLarge, $"manifest exceeds {RawManifest.MaxSize} bytes"))
                .ConfigureAwait(false);
            return;
        }
        var (manifest, isIndex, error) = ManifestValidation.Check(body, route.Reference);
        if (error is not null)
        {
            await OciResults.WriteErrorAsync(context, error).ConfigureAwait(false);
            return;
        }
        // The body was read for validation; the forwarder sends these same bytes on.
        context.Request.Body = new MemoryStream(body, writable: false);
        context.Request.ContentLength = body.Length;
        var digest = Digest.TryParse(route.Reference, out var byDigest) ? byDigest : Digest.Sha256Of(body);
        var mediaType = manifest!.DescribedMediaType(context.Request.ContentType, isIndex);
        var plan = new ForwardPlan($"/v2/{target.Repository}/manifests/{route.Reference}")
        {
            OnSuccess = async (ctx, response) =>
            {
                manifests.InvalidateRepository(target);
                if (manifest.SubjectDigest is not { } subject || response.Headers.Contains("OCI-Subject")) return;
                var descriptor = ReferrerDescriptor.For(manifest, mediaType, digest, body.Length);
                if (await referrers.AddAsync(target, Digest.Parse(subject), descriptor, ctx.RequestAborted).ConfigureAwait(false))
                {
                    manifests.InvalidateRepository(target);
                    ctx.Response.Headers["OCI-Subject"] = subject;
                }
            },
        };
        await forwarder.ForwardAsync(context, target, route.Name, plan).ConfigureAwait(false);
    }

    /// <summary>The whole body, or null when it is larger than a manifest may be.</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > RawManifest.MaxSize) return null;
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > RawManifest.MaxSize) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
