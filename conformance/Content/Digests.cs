using System.Security.Cryptography;

namespace Conformance.Content;

/// <summary>Digest helpers: sha256 for everything the suite pushes, sha512 for the algorithm checks.</summary>
internal static class Digests
{
    /// <summary>The <c>sha256:&lt;hex&gt;</c> digest of <paramref name="bytes"/>.</summary>
    public static string Sha256(ReadOnlySpan<byte> bytes) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>The <c>sha512:&lt;hex&gt;</c> digest of <paramref name="bytes"/>.</summary>
    public static string Sha512(ReadOnlySpan<byte> bytes) => "sha512:" + Convert.ToHexStringLower(SHA512.HashData(bytes));

    /// <summary>The digest of <paramref name="bytes"/> in the algorithm <paramref name="digest"/> names; null for an algorithm the suite does not know.</summary>
    public static string? InAlgorithmOf(string digest, ReadOnlySpan<byte> bytes) =>
        digest.StartsWith("sha256:", StringComparison.Ordinal) ? Sha256(bytes)
        : digest.StartsWith("sha512:", StringComparison.Ordinal) ? Sha512(bytes)
        : null;

    /// <summary>A well-formed digest of random bytes: content that exists nowhere.</summary>
    public static string Random() => Sha256(RandomNumberGenerator.GetBytes(32));
}
