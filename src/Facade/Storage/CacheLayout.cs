using System.Globalization;
using Facade.Shared.Oci;

namespace Facade.Storage;

/// <summary>
/// Where things live under the cache root: <c>blobs/&lt;alg&gt;/&lt;hex&gt;.&lt;size&gt;</c>,
/// <c>manifests/&lt;alg&gt;/&lt;hex&gt;.&lt;size&gt;</c>, <c>tmp/</c> for files being written and
/// the <c>lock</c> file. The size in the name is the file's length at commit: it arrives with
/// the same atomic rename as the bytes, so a file cut short later (a crash, a torn write, an
/// operator's mistake) is recognised by its name alone. The temp area is on the same file system
/// as the entries, so a commit is one rename.
/// </summary>
internal sealed class CacheLayout
{
    public CacheLayout(string directory)
    {
        Root = Path.GetFullPath(directory);
        TempDirectory = Path.Combine(Root, "tmp");
        BlobsDirectory = Path.Combine(Root, "blobs");
        ManifestsDirectory = Path.Combine(Root, "manifests");
        LockFile = Path.Combine(Root, "lock");
    }

    public string Root { get; }

    public string TempDirectory { get; }

    public string BlobsDirectory { get; }

    public string ManifestsDirectory { get; }

    public string LockFile { get; }

    /// <summary>The index key of a blob: its path without the size.</summary>
    public string BlobKey(Digest digest) => Path.Combine(BlobsDirectory, AlgorithmFolder(digest), digest.Encoded);

    /// <summary>The index key of a manifest: its path without the size.</summary>
    public string ManifestKey(Digest digest) => Path.Combine(ManifestsDirectory, AlgorithmFolder(digest), digest.Encoded);

    /// <summary>The file of an entry of <paramref name="size"/> bytes.</summary>
    public static string EntryPath(string key, long size) => key + "." + size.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// Reads an entry file's name: its digest, key and recorded size. False for names that are
    /// not <c>&lt;hex&gt;.&lt;size&gt;</c> under an algorithm folder.
    /// </summary>
    public static bool TryParseEntry(FileInfo file, out Digest digest, out string key, out long size)
    {
        key = "";
        size = 0;
        digest = default;
        var dot = file.Name.IndexOf('.');
        if (dot <= 0 || !long.TryParse(file.Name.AsSpan(dot + 1), NumberStyles.None, CultureInfo.InvariantCulture, out size)) return false;
        if (!Digest.TryParse($"{file.Directory!.Name}:{file.Name[..dot]}", out digest)) return false;
        key = file.FullName[..^(file.Name.Length - dot)];
        return true;
    }

    private static string AlgorithmFolder(Digest digest) => digest.Algorithm == DigestAlgorithm.Sha256 ? "sha256" : "sha512";
}
