namespace Facade.Shared.Ipfs;

/// <summary>
/// Writes protobuf fields into a span the caller sized beforehand with
/// <see cref="VarintSize"/>. Only what dag-pb and UnixFS need: varints and length-delimited bytes.
/// </summary>
internal ref struct ProtoWriter
{
    private readonly Span<byte> _destination;

    public ProtoWriter(Span<byte> destination) => _destination = destination;

    /// <summary>Bytes written so far.</summary>
    public int Position { get; private set; }

    /// <summary>Bytes a varint of this value takes.</summary>
    public static int VarintSize(ulong value)
    {
        var size = 1;
        while (value >= 0x80)
        {
            value >>= 7;
            size++;
        }
        return size;
    }

    /// <summary>Writes a field key (field number and wire type).</summary>
    public void WriteKey(int field, WireType type) => WriteVarint(((ulong)field << 3) | (ulong)type);

    /// <summary>Writes a varint.</summary>
    public void WriteVarint(ulong value)
    {
        while (value >= 0x80)
        {
            _destination[Position++] = (byte)(value | 0x80);
            value >>= 7;
        }
        _destination[Position++] = (byte)value;
    }

    /// <summary>Writes a varint field.</summary>
    public void WriteVarintField(int field, ulong value)
    {
        WriteKey(field, WireType.Varint);
        WriteVarint(value);
    }

    /// <summary>Writes the key and length of a length-delimited field; the caller writes the body next.</summary>
    public void WriteLengthPrefix(int field, int length)
    {
        WriteKey(field, WireType.LengthDelimited);
        WriteVarint((ulong)length);
    }

    /// <summary>Takes the next <paramref name="length"/> bytes for the caller to fill.</summary>
    public Span<byte> Advance(int length)
    {
        var span = _destination.Slice(Position, length);
        Position += length;
        return span;
    }

    /// <summary>Copies raw bytes.</summary>
    public void WriteRaw(ReadOnlySpan<byte> bytes) => bytes.CopyTo(Advance(bytes.Length));
}

/// <summary>Protobuf wire types used here.</summary>
internal enum WireType
{
    Varint = 0,
    LengthDelimited = 2,
}
