using Conformance.Content;
using Conformance.Http;
using Conformance.Running;

namespace Conformance.Workflows;

/// <summary>What a successful manifest or blob response must carry, shared by the workflows.</summary>
internal static class ContentChecks
{
    /// <summary>
    /// 200, Docker-Content-Digest equal to <paramref name="digest"/>, Content-Type (and Content-Length)
    /// matching the known manifest; for GET also the body's digest.
    /// </summary>
    public static void Manifest(RegistryResponse response, string digest, TestManifest? known)
    {
        Expect.Status(response, 200);
        Expect.HeaderEquals(response, "Docker-Content-Digest", digest);
        var contentType = Expect.Header(response, "Content-Type");
        if (known is not null)
        {
            Expect.That(contentType == known.MediaType, $"Content-Type '{contentType}', expected '{known.MediaType}'");
            Expect.ContentLength(response, known.Size);
        }

        if (response.Method == HttpMethod.Get)
        {
            Expect.BodyDigest(response, digest);
            Expect.ContentLength(response, response.Body.Length);
        }
    }

    /// <summary>200, Content-Length (equal to the known size), a Docker-Content-Digest if any equal to <paramref name="digest"/>; for GET the body's digest.</summary>
    public static void Blob(RegistryResponse response, string digest, long? size)
    {
        Expect.Status(response, 200);
        var length = Expect.Header(response, "Content-Length");
        if (size is not null)
        {
            Expect.ContentLength(response, size.Value);
        }

        // The blob header is a SHOULD; when present it has to be right.
        if (response.Header("Docker-Content-Digest") is { } header)
        {
            Expect.That(header == digest, $"Docker-Content-Digest '{header}', expected {digest}");
        }

        if (response.Method == HttpMethod.Get)
        {
            Expect.BodyDigest(response, digest);
            Expect.That(length == response.Body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), $"Content-Length {length} but body has {response.Body.Length} bytes");
        }
    }
}
