namespace Facade.Shared.Ipfs;

/// <summary>
/// Base58 with the bitcoin alphabet (multibase <c>z</c>, and the whole of a version 0 CID).
/// Decoding only: the facade never writes this form.
/// </summary>
internal static class Base58Btc
{
    private const string Alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

    /// <summary>Decodes text; false on a character outside the alphabet or too small a destination.</summary>
    public static bool TryDecode(ReadOnlySpan<char> text, Span<byte> destination, out int written)
    {
        written = 0;
        var zeros = 0;
        while (zeros < text.Length && text[zeros] == '1') zeros++;

        // Big-endian base-256 accumulator, filled from the end of a scratch buffer.
        Span<byte> scratch = stackalloc byte[text.Length];
        scratch.Clear();
        var used = 0;
        foreach (var c in text[zeros..])
        {
            var carry = Alphabet.IndexOf(c);
            if (carry < 0) return false;
            for (var i = 0; i < used || carry != 0; i++)
            {
                var at = scratch.Length - 1 - i;
                carry += 58 * scratch[at];
                scratch[at] = (byte)carry;
                carry >>= 8;
                if (i >= used) used = i + 1;
            }
        }
        if (zeros + used > destination.Length) return false;
        destination[..zeros].Clear();
        scratch[^used..].CopyTo(destination[zeros..]);
        written = zeros + used;
        return true;
    }
}
