using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Facade.Shared.Oci;
using Facade.TestSupport;

namespace Facade.Tests.Push;

/// <summary>Raw distribution requests the push tests send to the facade.</summary>
internal static class PushRequests
{
    public static HttpRequestMessage Patch(string location, byte[] chunk, long start) =>
        WithBody(HttpMethod.Patch, location, chunk, $"{start}-{start + chunk.Length - 1}");

    public static HttpRequestMessage Put(string location, byte[] body, Digest digest) =>
        WithBody(HttpMethod.Put, location + (location.Contains('?') ? "&" : "?") + "digest=" + Uri.EscapeDataString(digest.Value), body, null);

    public static HttpRequestMessage Manifest(string path, byte[] body, string mediaType)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        return new HttpRequestMessage(HttpMethod.Put, path) { Content = content };
    }

    /// <summary>An OCI artifact manifest over <paramref name="image"/>'s config with <paramref name="subject"/> as subject.</summary>
    public static byte[] Artifact(GeneratedImage image, Digest subject, long subjectSize, string artifactType) =>
        Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = MediaTypes.OciManifest,
            ["artifactType"] = artifactType,
            ["config"] = Descriptor(image.Config.MediaType, image.Config.Digest, image.Config.Size),
            ["layers"] = new[] { Descriptor(image.Layers[0].MediaType, image.Layers[0].Digest, image.Layers[0].Size) },
            ["subject"] = Descriptor(MediaTypes.OciManifest, subject, subjectSize),
            ["annotations"] = new Dictionary<string, string> { ["org.example.kind"] = artifactType },
        }));

    /// <summary>The code of the first error in an envelope.</summary>
    public static async Task<string> ErrorCodeAsync(HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.GetProperty("errors")[0].GetProperty("code").GetString()!;
    }

    private static Dictionary<string, object> Descriptor(string mediaType, Digest digest, long size) =>
        new() { ["mediaType"] = mediaType, ["digest"] = digest.Value, ["size"] = size };

    private static HttpRequestMessage WithBody(HttpMethod method, string location, byte[] body, string? contentRange)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        // Content-Range is a content header in .NET; on the request's own headers it would be dropped.
        if (contentRange is not null) Assert.True(content.Headers.TryAddWithoutValidation("Content-Range", contentRange));
        return new HttpRequestMessage(method, location) { Content = content };
    }
}
