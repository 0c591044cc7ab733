using System.Net;
using System.Net.Http.Headers;
using Facade.Shared.Oci;

namespace Facade.Shared.Client;

/// <summary>
/// A client of one registry's distribution API over a handler chain from <see cref="RegistryHttp"/>
/// (or any <see cref="HttpClient"/>). Manifests come back as raw bytes with their media type and
/// digest; blobs as verifying streams. Unexpected answers throw <see cref="RegistryException"/>;
/// "not found" is a null or false result.
/// </summary>
public sealed partial class RegistryClient : IDisposable
{
    /// <summary>Largest manifest accepted (the same bound as the reference registry).</summary>
    public const int MaxManifestBytes = RawManifest.MaxSize;

    private const int MaxRedirects = 3;
    private static readonly string AcceptManifests = string.Join(", ", MediaTypes.AllManifests);

    private readonly HttpClient _http;
    private readonly bool _ownsClient;

    /// <summary>A client for <paramref name="baseUri"/> (scheme, host and port; any path is ignored).</summary>
    public RegistryClient(Uri baseUri, HttpClient http, bool ownsClient = false)
    {
        if (!baseUri.IsAbsoluteUri || baseUri.Scheme is not ("http" or "https"))
            throw new ArgumentException("registry base URL must be an absolute http(s) URL", nameof(baseUri));
        BaseUri = new Uri(baseUri.GetLeftPart(UriPartial.Authority));
        _http = http;
        _ownsClient = ownsClient;
    }

    /// <summary>A client over a new handler chain with the given options.</summary>
    public static RegistryClient Create(Uri baseUri, RegistryHttpOptions? options = null) =>
        new(baseUri, RegistryHttp.CreateClient(options), ownsClient: true);

    /// <summary>The registry's base URL.</summary>
    public Uri BaseUri { get; }

    /// <summary>Checks that <c>/v2/</c> answers 200 (after authentication).</summary>
    public async Task PingAsync(CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Get, Url("/v2/")), cancellationToken).ConfigureAwait(false);
        await EnsureAsync(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Fetches a manifest or index by tag or digest; null when the registry does not have it.
    /// Fetched by digest, the bytes must hash to it; by tag, to the <c>Docker-Content-Digest</c> if sent.
    /// </summary>
    public async Task<RegistryManifest?> GetManifestAsync(string repository, string reference, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(ManifestRequest(HttpMethod.Get, repository, reference), cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        await EnsureAsync(response, cancellationToken).ConfigureAwait(false);
        var bytes = await BoundedBody.ReadAsync(response.Content, MaxManifestBytes, cancellationToken).ConfigureAwait(false);
        var expected = Digest.TryParse(reference, out var byDigest) ? byDigest : HeaderDigest(response);
        var digest = expected ?? Digest.Sha256Of(bytes);
        if (!digest.Matches(bytes))
            throw new InvalidDataException($"manifest {repository}@{digest} does not match its digest");
        return new RegistryManifest(bytes, MediaTypeOf(response, bytes), digest);
    }

    /// <summary>Resolves a tag or digest with HEAD; null when the registry does not have it.</summary>
    public async Task<ManifestInfo?> HeadManifestAsync(string repository, string reference, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(ManifestRequest(HttpMethod.Head, repository, reference), cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        await EnsureAsync(response, cancellationToken).ConfigureAwait(false);
        var digest = HeaderDigest(response) ?? (Digest.TryParse(reference, out var d) ? d
            : throw new InvalidDataException($"registry sent no Docker-Content-Digest for {repository}:{reference}"));
        return new ManifestInfo(MediaTypeOf(response, []), digest, response.Content.Headers.ContentLength ?? -1);
    }

    /// <summary>Pushes a manifest under a tag or its digest and returns its digest.</summary>
    public async Task<Digest> PushManifestAsync(string repository, string reference, ReadOnlyMemory<byte> bytes, string mediaType,
        CancellationToken cancellationToken = default)
    {
        var digest = Digest.Sha256Of(bytes.Span);
        var content = new ReadOnlyMemoryContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        var request = new HttpRequestMessage(HttpMethod.Put, Url(RegistryPaths.Manifest(repository, reference))) { Content = content }
            .With(RegistryRequestOptions.Idempotent);
        using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        await EnsureAsync(response, cancellationToken).ConfigureAwait(false);
        if (HeaderDigest(response) is { } sent && sent.Algorithm == digest.Algorithm && sent != digest)
            throw new InvalidDataException($"registry stored manifest as {sent}, expected {digest}");
        return digest;
    }

    /// <summary>Deletes a manifest by digest; false when it was not there.</summary>
    public Task<bool> DeleteManifestAsync(string repository, Digest digest, CancellationToken cancellationToken = default) =>
        DeleteAsync(RegistryPaths.Manifest(repository, digest.Value), cancellationToken);

    /// <summary>Deletes a blob; false when it was not there.</summary>
    public Task<bool> DeleteBlobAsync(string repository, Digest digest, CancellationToken cancellationToken = default) =>
        DeleteAsync(RegistryPaths.Blob(repository, digest), cancellationToken);

    private async Task<bool> DeleteAsync(string path, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Delete, Url(path)).With(RegistryRequestOptions.Idempotent);
        using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound) return false;
        await EnsureAsync(response, cancellationToken).ConfigureAwait(false);
        return true;
    }

    private HttpRequestMessage ManifestRequest(HttpMethod method, string repository, string reference)
    {
        var request = new HttpRequestMessage(method, Url(RegistryPaths.Manifest(repository, reference)));
        request.Headers.TryAddWithoutValidation("Accept", AcceptManifests);
        return request;
    }

    private static string MediaTypeOf(HttpResponseMessage response, ReadOnlySpan<byte> body) =>
        response.Content.Headers.ContentType?.MediaType is { Length: > 0 } type && type != "application/json"
            ? type
            : ManifestMediaType.FromBody(body) ?? response.Content.Headers.ContentType?.MediaType ?? "application/octet-stream";

    private static Digest? HeaderDigest(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Docker-Content-Digest", out var values) && Digest.TryParse(values.FirstOrDefault(), out var d)
            ? d
            : null;

    private Uri Url(string pathAndQuery) => new(BaseUri, pathAndQuery);

    /// <summary>Sends and owns the request; the response is the caller's.</summary>
    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken,
        HttpCompletionOption completion = HttpCompletionOption.ResponseHeadersRead)
    {
        using (request)
            return await _http.SendAsync(request, completion, cancellationToken).ConfigureAwait(false);
    }

    private static async Task EnsureAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode) throw await RegistryException.FromResponseAsync(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Disposes the HTTP client when this client created it.</summary>
    public void Dispose()
    {
        if (_ownsClient) _http.Dispose();
    }
}
