using Facade.Shared.Oci;

namespace Facade.Storage;

/// <summary>
/// Where things live under the cache root: <c>blobs/&lt;alg&gt;/&lt;hex&gt;</c>,
/// <c>manifests/&lt;alg&gt;/&lt;hex&gt;</c> and <c>tmp/</c> for files being written. The temp
/// area is on the same file system as the entries, so a commit is one atomic rename.
/// </summary>
internal sealed class CacheLayout
{
    public CacheLayout(string directory)
    {
        Root = Path.GetFullPath(directory);
        TempDirectory = Path.Combine(Root, "tmp");
        BlobsDirectory = Path.Combine(Root, "blobs");
        ManifestsDirectory = Path.Combine(Root, "manifests");
    }

    public string Root { get; }

    public string TempDirectory { get; }

    public string BlobsDirectory { get; }

    public string ManifestsDirectory { get; }

    public string BlobPath(Digest digest) => Path.Combine(BlobsDirectory, AlgorithmFolder(digest), digest.Encoded);

    public string ManifestPath(Digest digest) => Path.Combine(ManifestsDirectory, AlgorithmFolder(digest), digest.Encoded);

    /// <summary>The digest a file under <c>blobs/</c> or <c>manifests/</c> is named for, if its name is one.</summary>
    public static bool TryParseEntry(FileInfo file, out Digest digest) =>
        Digest.TryParse($"{file.Directory!.Name}:{file.Name}", out digest);

    private static string AlgorithmFolder(Digest digest) => digest.Algorithm == DigestAlgorithm.Sha256 ? "sha256" : "sha512";
}
