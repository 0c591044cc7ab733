using System.Net;
using System.Net.Http.Headers;
using Facade.Shared.Oci;

namespace Facade.Shared.Client;

public sealed partial class RegistryClient
{
    private static readonly string AcceptManifests = string.Join(", ", MediaTypes.AllManifests);

    /// <summary>
    /// Fetches a manifest or index by tag or digest, as raw bytes (never re-serialized); null when
    /// the registry does not have it. By digest the bytes must hash to it; by tag to the
    /// <c>Docker-Content-Digest</c> when one is sent. Throws <see cref="InvalidDataException"/> for
    /// a body over <see cref="RegistryLimits.Manifest"/>, a digest mismatch or an unknown type.
    /// </summary>
    public async Task<RawManifest?> GetManifestAsync(string repository, string reference, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(HttpMethod.Get, Url(RegistryPaths.Manifest(repository, reference)), AddAccept, cancellationToken)
            .ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        await EnsureAsync(response, cancellationToken).ConfigureAwait(false);
        var bytes = await ReadAsync(response, RegistryLimits.Manifest, cancellationToken).ConfigureAwait(false);
        var expected = Digest.TryParse(reference, out var byDigest) ? byDigest : HeaderDigest(response);
        var digest = expected ?? Digest.Sha256Of(bytes);
        if (!digest.Matches(bytes))
            throw new InvalidDataException($"manifest {repository}:{reference} from {RegistryHost.Of(BaseUri)} does not match its digest {digest}");
        var mediaType = ManifestMediaType.Of(response, bytes)
            ?? throw new InvalidDataException($"manifest {repository}:{reference} from {RegistryHost.Of(BaseUri)} is of no known manifest type");
        return new RawManifest(bytes, mediaType, digest);
    }

    /// <summary>
    /// Resolves a tag or digest with HEAD; null when the registry does not have it. The digest is
    /// null when a registry sends no <c>Docker-Content-Digest</c> for a tag (then only a GET tells).
    /// </summary>
    public async Task<ManifestInfo?> HeadManifestAsync(string repository, string reference, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(HttpMethod.Head, Url(RegistryPaths.Manifest(repository, reference)), AddAccept, cancellationToken)
            .ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        await EnsureAsync(response, cancellationToken).ConfigureAwait(false);
        var digest = HeaderDigest(response) ?? (Digest.TryParse(reference, out var d) ? d : null);
        return new ManifestInfo(response.Content.Headers.ContentType?.MediaType, digest, response.Content.Headers.ContentLength ?? -1);
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

    private static void AddAccept(HttpRequestMessage request) => request.Headers.TryAddWithoutValidation("Accept", AcceptManifests);
}
