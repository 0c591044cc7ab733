using System.Text.Json.Nodes;
using Facade.Shared.Oci;

namespace Facade.Push;

/// <summary>
/// The descriptor a referrers index lists for a pushed manifest: its media type, digest and size,
/// its <c>artifactType</c> (else its config's media type, as the specification says) and its
/// annotations.
/// </summary>
internal static class ReferrerDescriptor
{
    public static JsonObject For(PushedManifest manifest, string mediaType, Digest digest, long size)
    {
        var descriptor = new JsonObject
        {
            ["mediaType"] = mediaType,
            ["digest"] = digest.Value,
            ["size"] = size,
        };
        if ((manifest.ArtifactType ?? manifest.ConfigMediaType) is { } artifactType) descriptor["artifactType"] = artifactType;
        if (manifest.Annotations.Count > 0)
        {
            var copy = new JsonObject();
            foreach (var (key, value) in manifest.Annotations) copy[key] = value;
            descriptor["annotations"] = copy;
        }
        return descriptor;
    }
}
