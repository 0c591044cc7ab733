using Facade.Shared.Oci;

namespace Facade.Composition;

/// <summary>Text operations on image references that composition needs (repository part, pin to a digest).</summary>
internal static class ImageReference
{
    /// <summary>The reference without its tag or digest: <c>host:5000/a/b:tag@sha256:x</c> gives <c>host:5000/a/b</c>.</summary>
    public static string Repository(string reference)
    {
        var at = reference.IndexOf('@');
        var withoutDigest = at < 0 ? reference : reference[..at];
        var slash = withoutDigest.LastIndexOf('/');
        var colon = withoutDigest.LastIndexOf(':');
        return colon > slash ? withoutDigest[..colon] : withoutDigest;
    }

    /// <summary>The same repository pinned to a digest.</summary>
    public static string WithDigest(string reference, Digest digest) => Repository(reference) + "@" + digest.Value;
}
