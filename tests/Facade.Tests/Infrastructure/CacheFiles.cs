using Facade.Shared.Oci;

namespace Facade.Tests.Infrastructure;

/// <summary>Finds a cache entry's file on disk: <c>&lt;kind&gt;/&lt;alg&gt;/&lt;hex&gt;.&lt;size&gt;</c>.</summary>
public static class CacheFiles
{
    /// <summary>The file of a blob or manifest entry (<paramref name="kind"/> is <c>blobs</c> or <c>manifests</c>), or null when absent.</summary>
    public static string? Find(string cacheDirectory, string kind, Digest digest)
    {
        var folder = Path.Combine(cacheDirectory, kind, digest.Algorithm == DigestAlgorithm.Sha256 ? "sha256" : "sha512");
        return Directory.Exists(folder) ? Directory.GetFiles(folder, digest.Encoded + ".*").SingleOrDefault() : null;
    }
}
