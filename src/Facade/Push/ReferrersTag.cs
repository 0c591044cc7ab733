using Facade.Shared.Oci;

namespace Facade.Push;

/// <summary>
/// The referrers tag schema: where registries without a referrers API keep the referrers of a
/// manifest, an OCI index under the tag <c>&lt;alg&gt;-&lt;hex&gt;</c> (algorithm cut to 32 and
/// hex to 64 characters, so the tag stays within the tag grammar).
/// </summary>
internal static class ReferrersTag
{
    public static string For(Digest subject)
    {
        var algorithm = subject.Value[..subject.Value.IndexOf(':')];
        var encoded = subject.Encoded;
        return $"{Cut(algorithm, 32)}-{Cut(encoded, 64)}";
    }

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..max];
}
