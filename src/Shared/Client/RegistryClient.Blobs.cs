using System.Net;
using System.Net.Http.Headers;
using Facade.Shared.Oci;

namespace Facade.Shared.Client;

public sealed partial class RegistryClient
{
    /// <summary>
    /// Opens a blob's body as the registry streams it, unverified; null when the registry does not
    /// have it. Redirects (to storage) are followed under the client's rules. With an
    /// <paramref name="offset"/> the body starts there (a <c>Range</c> request; a registry that
    /// answers with the whole blob instead is an error). For callers that verify while they store
    /// (a fill); others use <see cref="GetBlobAsync"/>.
    /// </summary>
    public async Task<RegistryBlob?> OpenBlobAsync(string repository, Digest digest, CancellationToken cancellationToken = default, long offset = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        Action<HttpRequestMessage>? range = offset > 0 ? r => r.Headers.Range = new RangeHeaderValue(offset, null) : null;
        var response = await SendAsync(HttpMethod.Get, Url(RegistryPaths.Blob(repository, digest)), range, cancellationToken).ConfigureAwait(false);
        try
        {
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                response.Dispose();
                return null;
            }
            await EnsureAsync(response, cancellationToken).ConfigureAwait(false);
            // Bytes from the start where bytes from an offset were asked for would be the wrong bytes.
            if (offset > 0 && response.StatusCode != HttpStatusCode.PartialContent)
                throw new InvalidDataException($"registry {RegistryHost.Of(BaseUri)} ignored the range request for {digest} from byte {offset}");
            var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            return new RegistryBlob(body, response.Content.Headers.ContentLength, response);
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Opens a blob for reading; null when the registry does not have it. The stream verifies
    /// length and digest at its end.
    /// </summary>
    public async Task<VerifyingStream?> GetBlobAsync(string repository, Digest digest, CancellationToken cancellationToken = default)
    {
        var blob = await OpenBlobAsync(repository, digest, cancellationToken).ConfigureAwait(false);
        return blob is null ? null : new VerifyingStream(blob.Body, digest, blob.Length, blob);
    }

    /// <summary>The size of a blob (-1 when not sent), or null when the registry does not have it.</summary>
    public async Task<long?> HeadBlobAsync(string repository, Digest digest, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(HttpMethod.Head, Url(RegistryPaths.Blob(repository, digest)), null, cancellationToken)
            .ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        await EnsureAsync(response, cancellationToken).ConfigureAwait(false);
        return response.Content.Headers.ContentLength ?? -1;
    }

    /// <summary>Pushes an in-memory blob (see the stream overload).</summary>
    public async Task<bool> PushBlobAsync(string repository, Digest digest, ReadOnlyMemory<byte> content, string? mountFrom = null,
        CancellationToken cancellationToken = default)
    {
        using var stream = new MemoryStream(content.ToArray(), writable: false);
        return await PushBlobAsync(repository, digest, stream, content.Length, mountFrom, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Pushes a blob unless the repository has it: first a cross-repository mount from
    /// <paramref name="mountFrom"/> when given, else a monolithic upload (POST, then one PUT that
    /// streams <paramref name="length"/> bytes from <paramref name="content"/>, which stays open).
    /// Returns true when bytes were uploaded, false when the blob was already there or mounted.
    /// </summary>
    public async Task<bool> PushBlobAsync(string repository, Digest digest, Stream content, long length, string? mountFrom = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if (await HeadBlobAsync(repository, digest, cancellationToken).ConfigureAwait(false) is not null) return false;
        var start = RegistryPaths.Uploads(repository);
        if (mountFrom is not null)
            start += $"?mount={Uri.EscapeDataString(digest.Value)}&from={Uri.EscapeDataString(RegistryPaths.Repository(mountFrom))}";
        using var started = await SendAsync(new HttpRequestMessage(HttpMethod.Post, Url(start)), cancellationToken).ConfigureAwait(false);
        if (started.StatusCode == HttpStatusCode.Created && mountFrom is not null) return false;
        if (started.StatusCode != HttpStatusCode.Accepted || started.Headers.Location is not { } location)
            throw started.IsSuccessStatusCode
                ? new RegistryException($"POST {start} answered {(int)started.StatusCode} without an upload location", started.StatusCode)
                : await RegistryException.FromResponseAsync(started, cancellationToken).ConfigureAwait(false);

        var upload = location.IsAbsoluteUri ? location : new Uri(BaseUri, location);
        var separator = string.IsNullOrEmpty(upload.Query) ? "?" : "&";
        var put = new Uri(upload + separator + "digest=" + Uri.EscapeDataString(digest.Value));
        var body = new StreamingContent(content, length);
        body.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var finished = await SendAsync(new HttpRequestMessage(HttpMethod.Put, put) { Content = body }, cancellationToken).ConfigureAwait(false);
        await EnsureAsync(finished, cancellationToken).ConfigureAwait(false);
        return true;
    }
}
