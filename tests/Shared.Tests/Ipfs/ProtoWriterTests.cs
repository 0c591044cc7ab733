using Facade.Shared.Ipfs;

namespace Facade.Shared.Tests.Ipfs;

public sealed class ProtoWriterTests
{
    [Theory]
    [InlineData(0UL, new byte[] { 0x00 })]
    [InlineData(1UL, new byte[] { 0x01 })]
    [InlineData(127UL, new byte[] { 0x7f })]
    [InlineData(128UL, new byte[] { 0x80, 0x01 })]
    [InlineData(300UL, new byte[] { 0xac, 0x02 })]
    [InlineData(262144UL, new byte[] { 0x80, 0x80, 0x10 })]
    [InlineData(ulong.MaxValue, new byte[] { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01 })]
    public void Varints(ulong value, byte[] expected)
    {
        var buffer = new byte[10];
        var writer = new ProtoWriter(buffer);
        writer.WriteVarint(value);
        Assert.Equal(expected, buffer[..writer.Position]);
        Assert.Equal(expected.Length, ProtoWriter.VarintSize(value));
    }

    [Fact]
    public void Fields_carry_number_and_wire_type()
    {
        var buffer = new byte[16];
        var writer = new ProtoWriter(buffer);
        writer.WriteVarintField(4, 5);
        writer.WriteLengthPrefix(2, 3);
        writer.WriteRaw([9, 8, 7]);
        Assert.Equal(new byte[] { 0x20, 0x05, 0x12, 0x03, 9, 8, 7 }, buffer[..writer.Position]);
    }
}
