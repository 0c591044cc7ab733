using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace Facade.Shared.Oci;

/// <summary>
/// A validated content digest, <c>algorithm:hex</c>. Only sha256 and sha512 are accepted, with
/// lower-case hex of exactly the algorithm's length, so two equal digests are equal strings.
/// </summary>
public readonly record struct Digest
{
    private Digest(DigestAlgorithm algorithm, string value)
    {
        Algorithm = algorithm;
        Value = value;
    }

    /// <summary>The hash algorithm.</summary>
    public DigestAlgorithm Algorithm { get; }

    /// <summary>The full text, e.g. <c>sha256:ab12...</c>.</summary>
    public string Value { get; }

    /// <summary>The hex part after the colon.</summary>
    public ReadOnlySpan<char> Hex => Value.AsSpan(Value.IndexOf(':') + 1);

    /// <summary>The hex part as a string (allocates).</summary>
    public string Encoded => Value[(Value.IndexOf(':') + 1)..];

    /// <summary>True for the default (unset) instance.</summary>
    public bool IsEmpty => Value is null;

    public override string ToString() => Value ?? string.Empty;

    /// <summary>Parses a digest; throws <see cref="FormatException"/> when it is not valid.</summary>
    public static Digest Parse(string text) =>
        TryParse(text, out var digest) ? digest : throw new FormatException($"invalid digest '{Truncate(text)}'");

    /// <summary>Parses a digest without throwing.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out Digest digest)
    {
        digest = default;
        if (text is null) return false;
        var colon = text.IndexOf(':');
        if (colon <= 0) return false;
        var alg = text.AsSpan(0, colon);
        DigestAlgorithm algorithm;
        int hexLength;
        if (alg.SequenceEqual("sha256")) { algorithm = DigestAlgorithm.Sha256; hexLength = 64; }
        else if (alg.SequenceEqual("sha512")) { algorithm = DigestAlgorithm.Sha512; hexLength = 128; }
        else return false;
        var hex = text.AsSpan(colon + 1);
        if (hex.Length != hexLength || hex.ContainsAnyExcept(LowerHex)) return false;
        digest = new Digest(algorithm, text);
        return true;
    }

    /// <summary>Builds a digest from raw hash bytes.</summary>
    public static Digest FromHash(DigestAlgorithm algorithm, ReadOnlySpan<byte> hash)
    {
        var prefix = algorithm == DigestAlgorithm.Sha256 ? "sha256:" : "sha512:";
        return new Digest(algorithm, prefix + Convert.ToHexStringLower(hash));
    }

    /// <summary>The sha256 digest of some bytes.</summary>
    public static Digest Sha256Of(ReadOnlySpan<byte> content)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(content, hash);
        return FromHash(DigestAlgorithm.Sha256, hash);
    }

    /// <summary>The digest of some bytes with the given algorithm.</summary>
    public static Digest Compute(DigestAlgorithm algorithm, ReadOnlySpan<byte> content)
    {
        if (algorithm == DigestAlgorithm.Sha256) return Sha256Of(content);
        Span<byte> hash = stackalloc byte[64];
        SHA512.HashData(content, hash);
        return FromHash(DigestAlgorithm.Sha512, hash);
    }

    /// <summary>The digest of some bytes with this digest's algorithm.</summary>
    public bool Matches(ReadOnlySpan<byte> content)
    {
        Span<byte> hash = stackalloc byte[64];
        var written = Algorithm == DigestAlgorithm.Sha256
            ? SHA256.HashData(content, hash)
            : SHA512.HashData(content, hash);
        return FromHash(Algorithm, hash[..written]).Value == Value;
    }

    /// <summary>A new incremental hasher for this digest's algorithm.</summary>
    public IncrementalHash CreateHasher() => IncrementalHash.CreateHash(
        Algorithm == DigestAlgorithm.Sha256 ? HashAlgorithmName.SHA256 : HashAlgorithmName.SHA512);

    /// <summary>True when the hasher's final hash equals this digest (the hasher is consumed).</summary>
    public bool MatchesHash(IncrementalHash hasher)
    {
        Span<byte> hash = stackalloc byte[64];
        var written = hasher.GetHashAndReset(hash);
        Span<char> hex = stackalloc char[128];
        Convert.TryToHexStringLower(hash[..written], hex, out var chars);
        return hex[..chars].SequenceEqual(Hex);
    }

    private static readonly SearchValues<char> LowerHex = SearchValues.Create("0123456789abcdef");

    private static string Truncate(string? text) =>
        text is null ? "" : text.Length <= 80 ? text : text[..80] + "...";
}

/// <summary>The digest algorithms the registry accepts.</summary>
public enum DigestAlgorithm
{
    Sha256,
    Sha512,
}
