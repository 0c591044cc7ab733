using Facade.Http;
using Facade.Routing;
using Facade.Shared.Errors;
using Facade.Shared.Oci;
using Facade.Upstreams;

namespace Facade.Push;

/// <summary>
/// Blob upload sessions passed through to the upstream: POST (plain, single request with
/// <c>?digest=</c>, cross-repository mount), GET status, PATCH, PUT and DELETE of a session.
/// The facade adds what some upstreams lack: a single-request POST always completes (201), and a
/// chunk that does not start where the session ends is refused with 416.
/// </summary>
internal sealed class BlobUploads(PushForwarder forwarder, UpstreamCatalog catalog, UpstreamSender sender, UploadOffsets offsets)
{
    /// <summary>POST <c>/v2/&lt;name&gt;/blobs/uploads/</c>.</summary>
    public Task StartAsync(HttpContext context, DistributionRoute route, UpstreamTarget target)
    {
        var query = context.Request.Query;
        var path = $"/v2/{target.Repository}/blobs/uploads/";
        if (query.ContainsKey("mount")) return MountAsync(context, route, target, path);
        if (query.TryGetValue("digest", out var digest)) return SingleRequestAsync(context, route, target, path, digest.ToString());
        return forwarder.ForwardAsync(context, target, route.Name, new ForwardPlan(path) { OnSuccess = Started(target) });
    }

    /// <summary>GET, PATCH, PUT or DELETE of <c>/v2/&lt;name&gt;/blobs/uploads/&lt;session&gt;</c>.</summary>
    public async Task ContinueAsync(HttpContext context, DistributionRoute route, UpstreamTarget target)
    {
        var request = context.Request;
        var session = route.Reference;
        var path = $"/v2/{target.Repository}/blobs/uploads/{session}";
        var upstream = target.Upstream.Name;
        if ((HttpMethods.IsPatch(request.Method) || HttpMethods.IsPut(request.Method)) && request.Headers.ContentRange.Count > 0
            && await OutOfOrderAsync(context, target, path, session).ConfigureAwait(false))
            return;
        var completed = HttpMethods.IsPut(request.Method) && Digest.TryParse(request.Query["digest"].ToString(), out var clientDigest)
            ? clientDigest : (Digest?)null;
        Func<HttpContext, HttpResponseMessage, Task> hook = HttpMethods.IsPut(request.Method) || HttpMethods.IsDelete(request.Method)
            ? (ctx, _) =>
            {
                offsets.Forget(upstream, session);
                if (completed is { } kept) KeepClientDigest(ctx, route, kept);
                return Task.CompletedTask;
            }
            : (_, response) => { Track(upstream, session, response); return Task.CompletedTask; };
        await forwarder.ForwardAsync(context, target, route.Name, new ForwardPlan(path) { OnSuccess = hook }).ConfigureAwait(false);
    }

    // The upstream may be given another repository's blob only when the source is on the same
    // upstream; anything else becomes a plain session, which the specification allows (202).
    private Task MountAsync(HttpContext context, DistributionRoute route, UpstreamTarget target, string path)
    {
        var query = context.Request.Query;
        var mount = query["mount"].ToString();
        var from = query["from"].ToString();
        var upstreamQuery = "";
        if (Digest.TryParse(mount, out _) && RepositoryName.IsValid(from)
            && catalog.Resolve(from, query["ns"].ToString()).Target is { } source && source.Upstream == target.Upstream)
            upstreamQuery = $"?mount={Uri.EscapeDataString(mount)}&from={Uri.EscapeDataString(source.Repository)}";
        return forwarder.ForwardAsync(context, target, route.Name, new ForwardPlan(path) { Query = upstreamQuery, OnSuccess = Started(target) });
    }

    // Opens a session upstream, then sends the client's body into it with PUT: one request for
    // the client whatever the upstream does with a POST that carries a body.
    private async Task SingleRequestAsync(HttpContext context, DistributionRoute route, UpstreamTarget target, string path, string digest)
    {
        if (!Digest.TryParse(digest, out var clientDigest))
        {
            await OciResults.WriteErrorAsync(context, new OciError(OciErrorCode.DigestInvalid, "invalid digest parameter")).ConfigureAwait(false);
            return;
        }
        var upstream = target.Upstream;
        Uri location;
        using (var started = await sender.SendAsync(upstream, HttpMethod.Post, new Uri(upstream.BaseUri, path), null, context.RequestAborted)
                   .ConfigureAwait(false))
        {
            if (started.StatusCode != System.Net.HttpStatusCode.Accepted || started.Headers.Location is not { } sent)
            {
                await OciResults.WriteErrorAsync(context, UpstreamFailure.FromStatus(upstream, started.StatusCode, OciErrorCode.NameUnknown))
                    .ConfigureAwait(false);
                return;
            }
            location = sent.IsAbsoluteUri ? sent : new Uri(upstream.BaseUri, sent);
        }
        var query = (location.Query.Length == 0 ? "?" : location.Query + "&") + "digest=" + Uri.EscapeDataString(digest);
        var plan = new ForwardPlan(location.AbsolutePath)
        {
            Query = query,
            Method = HttpMethod.Put,
            OnSuccess = (ctx, _) => { KeepClientDigest(ctx, route, clientDigest); return Task.CompletedTask; },
        };
        await forwarder.ForwardAsync(context, target, route.Name, plan).ConfigureAwait(false);
    }

    /// <summary>Answers 416 and returns true when the chunk's <c>Content-Range</c> does not continue the session.</summary>
    private async Task<bool> OutOfOrderAsync(HttpContext context, UpstreamTarget target, string path, string session)
    {
        var request = context.Request;
        long? size = offsets.Get(target.Upstream.Name, session);
        var valid = ContentRange.TryParse(request.Headers.ContentRange.ToString(), out var range)
            && (request.ContentLength is not { } length || length == range.End - range.Start + 1);
        if (valid && size is null)
        {
            var status = new Uri(target.Upstream.BaseUri, path + ClientQuery.WithoutNs(request.Query));
            using var response = await sender.SendAsync(target.Upstream, HttpMethod.Get, status, null, context.RequestAborted).ConfigureAwait(false);
            if (response.IsSuccessStatusCode) size = UploadOffsets.SizeFromRange(RangeOf(response));
        }
        if (valid && (size is null || size == range.Start)) return false;
        var response416 = context.Response;
        response416.Headers.Location = request.Path + request.QueryString;
        if (size > 0) response416.Headers["Range"] = $"0-{size - 1}";
        var message = valid ? $"chunk starts at {range.Start} but the upload holds {size} bytes" : "invalid Content-Range";
        await OciResults.WriteErrorAsync(context, new OciError(OciErrorCode.RangeInvalid, message)).ConfigureAwait(false);
        return true;
    }

    // The blob was stored under the digest the client gave (the upstream checked it); an upstream
    // that reports its own canonical algorithm instead (distribution answers sha256 for a sha512
    // upload) must not make the client lose its digest: the specification's Location and
    // Docker-Content-Digest name the blob as the client addressed it.
    private static void KeepClientDigest(HttpContext context, DistributionRoute route, Digest digest)
    {
        var headers = context.Response.Headers;
        headers["Docker-Content-Digest"] = digest.Value;
        var ns = context.Request.Query["ns"].ToString();
        headers.Location = $"/v2/{route.Name}/blobs/{digest.Value}" + (ns.Length > 0 ? "?ns=" + Uri.EscapeDataString(ns) : "");
    }

    private Func<HttpContext, HttpResponseMessage, Task> Started(UpstreamTarget target) => (_, response) =>
    {
        if (response.StatusCode == System.Net.HttpStatusCode.Accepted && SessionOf(response) is { } session)
            offsets.Set(target.Upstream.Name, session, 0);
        return Task.CompletedTask;
    };

    private void Track(string upstream, string session, HttpResponseMessage response)
    {
        // An ambiguous or missing Range makes the session unknown: the next chunk asks for its status.
        if (UploadOffsets.SizeFromRange(RangeOf(response)) is { } size) offsets.Set(upstream, session, size);
        else offsets.Forget(upstream, session);
    }

    private static string? RangeOf(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Range", out var values) ? values.FirstOrDefault() : null;

    private static string? SessionOf(HttpResponseMessage response)
    {
        if (response.Headers.TryGetValues("Docker-Upload-UUID", out var ids) && ids.FirstOrDefault() is { Length: > 0 } id) return id;
        var path = response.Headers.Location?.IsAbsoluteUri == true ? response.Headers.Location.AbsolutePath : response.Headers.Location?.OriginalString.Split('?')[0];
        return path?.TrimEnd('/').Split('/')[^1];
    }
}
