using Facade.Composition;
using Facade.Protos.RegistryFacade;
using Facade.Shared.Composition;
using Google.Protobuf;

namespace Facade.Tests.Composition;

/// <summary>The proto's wire format (field numbers shared with Gitpod) and its bridge to the composer's types.</summary>
public sealed class ImageSpecContractTests
{
    [Theory]
    [InlineData(1, "base")]
    [InlineData(2, "ide")]
    [InlineData(5, "supervisor")]
    [InlineData(7, "layer")]
    public void String_fields_use_the_gitpod_field_numbers(int field, string value)
    {
        var spec = field switch
        {
            1 => new ImageSpec { BaseRef = value },
            2 => new ImageSpec { IdeRef = value },
            5 => new ImageSpec { SupervisorRef = value },
            _ => new ImageSpec { IdeLayerRef = { value } },
        };
        byte[] expected = [(byte)(field << 3 | 2), (byte)value.Length, .. System.Text.Encoding.UTF8.GetBytes(value)];
        Assert.Equal(expected, spec.ToByteArray());
    }

    [Fact]
    public void Content_layers_use_the_gitpod_field_numbers()
    {
        var spec = new ImageSpec { ContentLayer = { new ContentLayer { Remote = new RemoteContentLayer { Size = 1 } } } };
        // content_layer = 3 { remote = 1 { size = 5 (varint) } }
        Assert.Equal(new byte[] { 0x1a, 0x04, 0x0a, 0x02, 0x28, 0x01 }, spec.ToByteArray());
        var direct = new ContentLayer { Direct = new DirectContentLayer { Content = ByteString.CopyFromUtf8("x") } };
        Assert.Equal(new byte[] { 0x12, 0x03, 0x0a, 0x01, (byte)'x' }, direct.ToByteArray());
        Assert.Equal(new byte[] { 0x0a, 0x01, (byte)'i' }, new GetImageSpecRequest { Id = "i" }.ToByteArray());
    }

    [Fact]
    public void Content_layers_become_composer_inputs_in_order()
    {
        var spec = new ImageSpec
        {
            ContentLayer =
            {
                new ContentLayer { Direct = new DirectContentLayer { Content = ByteString.CopyFromUtf8("tar") } },
                new ContentLayer { Remote = new RemoteContentLayer { Url = "https://c.example.test/x", Digest = "d", DiffId = "e", MediaType = "m", Size = 3 } },
            },
        };
        var sources = spec.ContentSources();
        Assert.Equal("tar", System.Text.Encoding.UTF8.GetString(Assert.IsType<DirectContent>(sources[0]).Content.Span));
        Assert.Equal(new RemoteContent("https://c.example.test/x", "d", "e", "m", 3), sources[1]);
        Assert.Throws<CompositionException>(() => new ImageSpec { ContentLayer = { new ContentLayer() } }.ContentSources());
    }

    [Fact]
    public void Equal_specs_hash_equally()
    {
        var a = new ImageSpec { BaseRef = "b", IdeRef = "i", IdeLayerRef = { "x", "y" } };
        var b = new ImageSpec { BaseRef = "b", IdeRef = "i", IdeLayerRef = { "x", "y" } };
        var c = new ImageSpec { BaseRef = "b", IdeRef = "i", IdeLayerRef = { "y", "x" } };
        Assert.Equal(a.Hash(), b.Hash());
        Assert.NotEqual(a.Hash(), c.Hash());
    }
}
