using System.Diagnostics.CodeAnalysis;

namespace Facade.Shared.Ipfs;

/// <summary>
/// A content identifier, version 1, with a sha2-256 multihash. Text form is multibase base32
/// lower-case (<c>b</c> prefix), the form the facade stores and compares. Parsing also accepts
/// base58btc (<c>z</c>) and version 0 (<c>Qm...</c>, normalised to version 1 dag-pb), because
/// some node answers use those forms.
/// </summary>
public readonly struct Cid : IEquatable<Cid>
{
    /// <summary>Multicodec of a raw block (a single leaf is the whole file).</summary>
    public const ulong RawCodec = 0x55;

    /// <summary>Multicodec of a dag-pb node.</summary>
    public const ulong DagPbCodec = 0x70;

    /// <summary>Length of the binary form: version, codec, multihash code, length, 32 bytes.</summary>
    public const int ByteLength = 36;

    private const byte Sha256Code = 0x12;
    private const byte Sha256Length = 32;
    private readonly string? _text;
    private readonly byte[]? _bytes;

    private Cid(byte[] bytes)
    {
        _bytes = bytes;
        _text = "b" + Base32Lower.Encode(bytes);
    }

    /// <summary>The codec (<see cref="RawCodec"/> or <see cref="DagPbCodec"/>).</summary>
    public ulong Codec => Bytes()[1];

    /// <summary>True for the default (unset) instance.</summary>
    public bool IsEmpty => _text is null;

    /// <summary>Builds a CID from a sha2-256 hash.</summary>
    public static Cid FromSha256(ulong codec, ReadOnlySpan<byte> sha256)
    {
        if (codec is not (RawCodec or DagPbCodec)) throw new ArgumentOutOfRangeException(nameof(codec));
        if (sha256.Length != Sha256Length) throw new ArgumentException("a sha2-256 hash has 32 bytes", nameof(sha256));
        var bytes = new byte[ByteLength];
        bytes[0] = 1;
        bytes[1] = (byte)codec;
        bytes[2] = Sha256Code;
        bytes[3] = Sha256Length;
        sha256.CopyTo(bytes.AsSpan(4));
        return new Cid(bytes);
    }

    /// <summary>Writes the binary form (<see cref="ByteLength"/> bytes).</summary>
    public void CopyTo(Span<byte> destination) => Bytes().CopyTo(destination);

    /// <summary>The base32 text form, e.g. <c>bafkrei...</c>.</summary>
    public override string ToString() => _text ?? string.Empty;

    /// <summary>Parses a CID; throws <see cref="FormatException"/> when it is not a supported CID.</summary>
    public static Cid Parse(string text) =>
        TryParse(text, out var cid) ? cid : throw new FormatException($"invalid or unsupported CID '{Shorten(text)}'");

    /// <summary>Parses a CID without throwing.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out Cid cid)
    {
        cid = default;
        if (string.IsNullOrEmpty(text) || text.Length > 128) return false;
        Span<byte> bytes = stackalloc byte[64];
        int length;
        if (text.Length == 46 && text.StartsWith("Qm", StringComparison.Ordinal))
        {
            // Version 0 is a bare base58 multihash of a dag-pb node.
            if (!Base58Btc.TryDecode(text, bytes[2..], out length)) return false;
            bytes[0] = 1;
            bytes[1] = (byte)DagPbCodec;
            length += 2;
        }
        else if (text[0] == 'b')
        {
            if (!Base32Lower.TryDecode(text.AsSpan(1), bytes, out length)) return false;
        }
        else if (text[0] == 'z')
        {
            if (!Base58Btc.TryDecode(text.AsSpan(1), bytes, out length)) return false;
        }
        else return false;

        var b = bytes[..length];
        if (b.Length != ByteLength || b[0] != 1 || b[1] is not ((byte)RawCodec or (byte)DagPbCodec)
            || b[2] != Sha256Code || b[3] != Sha256Length) return false;
        cid = FromSha256(b[1], b[4..]);
        return true;
    }

    /// <inheritdoc />
    public bool Equals(Cid other) => string.Equals(_text, other._text, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Cid other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => _text is null ? 0 : StringComparer.Ordinal.GetHashCode(_text);

    /// <summary>Equality.</summary>
    public static bool operator ==(Cid left, Cid right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(Cid left, Cid right) => !left.Equals(right);

    private byte[] Bytes() => _bytes ?? throw new InvalidOperationException("the CID is empty");

    private static string Shorten(string? text) =>
        text is null ? "" : text.Length <= 80 ? text : text[..80] + "...";
}
