using Conformance.Content;
using Conformance.Http;
using Conformance.Running;

namespace Conformance.Protocol;

/// <summary>
/// The basic requests every workflow builds on (upload a blob, put a manifest, fetch),
/// asserting only what must hold for the step to count as done.
/// </summary>
internal sealed class RegistryOperations(RegistryClient client)
{
    /// <summary>The underlying client, for requests that checks shape themselves.</summary>
    public RegistryClient Client => client;

    /// <summary>Opens an upload session (POST) and returns its Location.</summary>
    public async Task<string> StartUploadAsync(string name)
    {
        var response = await client.SendAsync(new RegistryRequest(HttpMethod.Post, Paths.Uploads(name)));
        Expect.Status(response, 202);
        return Expect.Header(response, "Location");
    }

    /// <summary>Uploads <paramref name="blob"/> monolithically: POST, then PUT with the whole body and the digest.</summary>
    public async Task<RegistryResponse> PushBlobAsync(string name, TestBlob blob)
    {
        var location = await StartUploadAsync(name);
        var response = await client.SendAsync(new RegistryRequest(HttpMethod.Put, Paths.WithQuery(location, "digest", blob.Digest))
        {
            Body = blob.Bytes,
            ContentType = MediaTypes.OctetStream,
        });
        Expect.Status(response, 201);
        return response;
    }

    /// <summary>Puts <paramref name="manifest"/> under <paramref name="reference"/> (a tag or its digest); expects 201.</summary>
    public async Task<RegistryResponse> PushManifestAsync(string name, string reference, TestManifest manifest)
    {
        var response = await PutManifestAsync(name, reference, manifest.Bytes, manifest.MediaType);
        Expect.Status(response, 201);
        return response;
    }

    /// <summary>Puts raw manifest bytes and returns the response whatever it is.</summary>
    public Task<RegistryResponse> PutManifestAsync(string name, string reference, byte[] body, string contentType) =>
        client.SendAsync(new RegistryRequest(HttpMethod.Put, Paths.Manifest(name, reference)) { Body = body, ContentType = contentType });

    /// <summary>Pushes every blob of the image, then its manifest under <paramref name="tag"/>.</summary>
    public async Task PushImageAsync(string name, TestImage image, string tag)
    {
        foreach (var blob in image.Blobs)
        {
            await PushBlobAsync(name, blob);
        }

        await PushManifestAsync(name, tag, image.Manifest);
    }

    /// <summary>GET or HEAD of a manifest with the usual Accept header.</summary>
    public Task<RegistryResponse> FetchManifestAsync(HttpMethod method, string name, string reference) =>
        client.SendAsync(new RegistryRequest(method, Paths.Manifest(name, reference)).WithHeader("Accept", ManifestAccept.Any));

    /// <summary>GET or HEAD of a blob.</summary>
    public Task<RegistryResponse> FetchBlobAsync(HttpMethod method, string name, string digest) =>
        client.SendAsync(new RegistryRequest(method, Paths.Blob(name, digest)));

    /// <summary>Sends a request with no body.</summary>
    public Task<RegistryResponse> SendAsync(HttpMethod method, string target) =>
        client.SendAsync(new RegistryRequest(method, target));
}
