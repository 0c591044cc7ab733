using System.Security.Cryptography;
using System.Text;

namespace Facade.TestSupport;

/// <summary>
/// The key id format the reference registry matches a token's <c>kid</c> header against: the
/// SHA-256 of the DER SubjectPublicKeyInfo, its first 240 bits in base32 (RFC 4648 alphabet),
/// as twelve groups of four characters joined by <c>:</c>.
/// </summary>
public static class LibtrustKeyId
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    /// <summary>The key id of a public key given as DER SubjectPublicKeyInfo.</summary>
    public static string Compute(byte[] subjectPublicKeyInfo)
    {
        var hash = SHA256.HashData(subjectPublicKeyInfo);
        var encoded = Base32(hash.AsSpan(0, 30));
        return string.Join(':', Enumerable.Range(0, encoded.Length / 4).Select(i => encoded.Substring(i * 4, 4)));
    }

    /// <summary>Base32 of a whole number of 5-byte groups (so no padding is ever needed).</summary>
    private static string Base32(ReadOnlySpan<byte> bytes)
    {
        var text = new StringBuilder(bytes.Length * 8 / 5);
        ulong buffer = 0;
        var bits = 0;
        foreach (var b in bytes)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                bits -= 5;
                text.Append(Alphabet[(int)((buffer >> bits) & 31)]);
            }
        }
        return text.ToString();
    }
}
