using System.Security.Cryptography;

namespace Conformance.Content;

/// <summary>Digest helpers; the suite computes everything as sha256.</summary>
internal static class Digests
{
    /// <summary>The <c>sha256:&lt;hex&gt;</c> digest of <paramref name="bytes"/>.</summary>
    public static string Sha256(ReadOnlySpan<byte> bytes) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>A well-formed digest of random bytes: content that exists nowhere.</summary>
    public static string Random() => Sha256(RandomNumberGenerator.GetBytes(32));
}
