using System.Net.Http.Headers;
using Facade.Composition;
using Facade.Shared.Oci;

namespace Facade.Tests.Composition;

/// <summary>
/// A plain HTTP <see cref="IImageSource"/> over a registry (references like
/// <c>127.0.0.1:port/repo:tag</c>), plus the pushes the tests need to seed it.
/// </summary>
internal sealed class RegistryImageSource(string host) : IImageSource, IDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };

    public int ManifestGets { get; private set; }

    public async Task<FetchedManifest> GetManifestAsync(string reference, CancellationToken cancellationToken)
    {
        ManifestGets++;
        var (repository, tagOrDigest) = Split(reference);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://{host}/v2/{repository}/manifests/{tagOrDigest}");
        foreach (var type in MediaTypes.AllManifests) request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(type));
        using var response = await _http.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        return new FetchedManifest(await response.Content.ReadAsByteArrayAsync(cancellationToken), response.Content.Headers.ContentType!.MediaType!);
    }

    public async Task<ReadOnlyMemory<byte>> GetBlobAsync(string reference, Digest digest, CancellationToken cancellationToken) =>
        await _http.GetByteArrayAsync($"http://{host}/v2/{Split(reference).Repository}/blobs/{digest}", cancellationToken);

    public async Task<Digest> PushBlobAsync(string repository, byte[] content)
    {
        var digest = Digest.Sha256Of(content);
        using var start = await _http.PostAsync($"http://{host}/v2/{repository}/blobs/uploads/", null);
        start.EnsureSuccessStatusCode();
        var location = start.Headers.Location!;
        var upload = location.IsAbsoluteUri ? location : new Uri(new Uri($"http://{host}"), location);
        var separator = upload.Query.Length > 0 ? "&" : "?";
        using var put = await _http.PutAsync($"{upload}{separator}digest={digest}", new ByteArrayContent(content));
        put.EnsureSuccessStatusCode();
        return digest;
    }

    public async Task<Digest> PushManifestAsync(string repository, string tag, byte[] manifest, string mediaType)
    {
        var content = new ByteArrayContent(manifest);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        using var put = await _http.PutAsync($"http://{host}/v2/{repository}/manifests/{tag}", content);
        put.EnsureSuccessStatusCode();
        return Digest.Sha256Of(manifest);
    }

    public async Task<bool> HasBlobAsync(string repository, Digest digest)
    {
        using var request = new HttpRequestMessage(HttpMethod.Head, $"http://{host}/v2/{repository}/blobs/{digest}");
        using var response = await _http.SendAsync(request);
        return response.IsSuccessStatusCode;
    }

    /// <summary>Repository path and tag or digest of <c>host/repo[:tag][@digest]</c>.</summary>
    public static (string Repository, string TagOrDigest) Split(string reference)
    {
        var slash = reference.IndexOf('/');
        var rest = reference[(slash + 1)..];
        var at = rest.IndexOf('@');
        if (at >= 0) return (StripTag(rest[..at]), rest[(at + 1)..]);
        var colon = rest.LastIndexOf(':');
        return colon > rest.LastIndexOf('/') ? (rest[..colon], rest[(colon + 1)..]) : (rest, "latest");
    }

    private static string StripTag(string repository)
    {
        var colon = repository.LastIndexOf(':');
        return colon > repository.LastIndexOf('/') ? repository[..colon] : repository;
    }

    public void Dispose() => _http.Dispose();
}
