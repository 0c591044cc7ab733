using System.Text;
using Facade.Shared.Composition;
using Facade.Shared.Oci;

namespace Facade.Shared.Tests.Composition;

/// <summary>Layer order and content layers of the planner.</summary>
public sealed class PlannerTests
{
    [Fact]
    public void Layers_come_in_spec_order()
    {
        var file = new Addendum(new LayerDescriptor(MediaTypes.OciLayerGzip, TestImages.DigestOf("file"), 5),
            TestImages.DigestOf("file-diff"), new HistoryEntry("static file", null));
        var input = new PlanInput(
            [new StaticImageLayer(TestImages.Addon("static", 1)), new StaticFileLayer(file)],
            TestImages.Addon("ide", 1),
            TestImages.Addon("supervisor", 1),
            [TestImages.Addon("layer-a", 1), TestImages.Addon("layer-b", 1)],
            [new DirectContent(new byte[] { 1, 2, 3 })]);
        var plan = CompositionPlanner.Plan(input);
        Digest[] expected =
        [
            TestImages.LayerDigestOf("static", 0), TestImages.DigestOf("file"), TestImages.LayerDigestOf("ide", 0),
            TestImages.LayerDigestOf("supervisor", 0), TestImages.LayerDigestOf("layer-a", 0),
            TestImages.LayerDigestOf("layer-b", 0), Digest.Sha256Of(new byte[] { 1, 2, 3 }),
        ];
        Assert.Equal(expected, plan.Addenda.Select(a => a.Layer.Digest));
    }

    [Fact]
    public void Every_appended_layer_says_where_its_blob_comes_from()
    {
        var content = new byte[] { 9, 8, 7 };
        var remote = new RemoteContent("https://content.example.test/r.tgz", TestImages.DigestOf("r").Value,
            TestImages.DigestOf("rd").Value, MediaTypes.OciLayerGzip, 3);
        var ide = TestImages.Addon("ide", 1);
        var plan = CompositionPlanner.Plan(new PlanInput([], ide, null, [], [new DirectContent(content), remote]));

        var fromImage = plan.FindLayer(TestImages.LayerDigestOf("ide", 0))!.Origin!;
        Assert.Equal(LayerOriginKind.Image, fromImage.Kind);
        Assert.Equal(ide.Ref, fromImage.Location);
        var direct = plan.FindLayer(Digest.Sha256Of(content))!.Origin!;
        Assert.Equal(LayerOriginKind.Direct, direct.Kind);
        Assert.Equal(content, direct.Content.ToArray());
        var atUrl = plan.FindLayer(TestImages.DigestOf("r"))!.Origin!;
        Assert.Equal(LayerOriginKind.Remote, atUrl.Kind);
        Assert.Equal(remote.Url, atUrl.Location);
        Assert.Null(plan.FindLayer(TestImages.DigestOf("not appended")));
    }

    [Fact]
    public void Direct_content_is_an_uncompressed_tar_whose_digest_is_its_diff_id()
    {
        var bytes = Encoding.UTF8.GetBytes("some tar bytes");
        var addendum = CompositionPlanner.ToAddendum(new DirectContent(bytes));
        Assert.Equal(MediaTypes.OciLayer, addendum.Layer.MediaType);
        Assert.Equal(Digest.Sha256Of(bytes), addendum.Layer.Digest);
        Assert.Equal(addendum.Layer.Digest, addendum.DiffId);
        Assert.Equal(bytes.Length, addendum.Layer.Size);
        Assert.Null(addendum.Layer.Urls);
    }

    [Fact]
    public void Remote_content_points_at_its_url()
    {
        var remote = new RemoteContent("https://content.example.test/a.tar.gz", TestImages.DigestOf("r").Value,
            TestImages.DigestOf("rd").Value, MediaTypes.OciLayerGzip, 77);
        var addendum = CompositionPlanner.ToAddendum(remote);
        Assert.Equal([remote.Url], addendum.Layer.Urls!);
        Assert.Equal(TestImages.DigestOf("r"), addendum.Layer.Digest);
        Assert.Equal(TestImages.DigestOf("rd"), addendum.DiffId);
        Assert.Equal(77, addendum.Layer.Size);
        Assert.Equal(MediaTypes.OciLayerGzip, addendum.Layer.MediaType);
        var result = ImageComposer.Compose(new ComposeInput(TestImages.Manifest("base", 0), TestImages.Config("base", 0), "ref", [addendum], []));
        Assert.Contains("\"urls\":[\"https://content.example.test/a.tar.gz\"]", Encoding.UTF8.GetString(result.Manifest));
    }

    [Theory]
    [InlineData("ftp://x/a", "sha256:ok", "sha256:ok", "m", 1, "url")]
    [InlineData("relative/a", "sha256:ok", "sha256:ok", "m", 1, "url")]
    [InlineData("https://x/a", "md5:1", "sha256:ok", "m", 1, "invalid digest")]
    [InlineData("https://x/a", "sha256:ok", "", "m", 1, "diff id")]
    [InlineData("https://x/a", "sha256:ok", "sha256:ok", "", 1, "media type")]
    [InlineData("https://x/a", "sha256:ok", "sha256:ok", "m", -1, "negative")]
    public void Bad_remote_content_is_a_clear_error(string url, string digest, string diffId, string mediaType, long size, string expected)
    {
        string Fix(string d) => d == "sha256:ok" ? TestImages.DigestOf("x").Value : d;
        var error = Assert.Throws<CompositionException>(() =>
            CompositionPlanner.ToAddendum(new RemoteContent(url, Fix(digest), Fix(diffId), mediaType, size)));
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void An_addon_index_is_refused()
    {
        var index = new AddonImage("registry.example.test/multi:1", Encoding.UTF8.GetBytes($"{{\"mediaType\":\"{MediaTypes.OciIndex}\",\"manifests\":[]}}"),
            TestImages.Config("x", 0));
        var error = Assert.Throws<CompositionException>(() => CompositionPlanner.Plan(new PlanInput([], index, null, [], [])));
        Assert.Contains("index", error.Message);
    }

    [Fact]
    public void An_addon_whose_layers_and_diff_ids_disagree_is_refused()
    {
        var image = new AddonImage("registry.example.test/odd:1", TestImages.Manifest("odd", 2), TestImages.Config("odd", 1));
        var error = Assert.Throws<CompositionException>(() => CompositionPlanner.Plan(new PlanInput([], image, null, [], [])));
        Assert.Contains("2 layers but 1 diff ids", error.Message);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("{\"layers\":[{\"mediaType\":\"m\",\"digest\":\"bad\",\"size\":1}]}")]
    [InlineData("{\"layers\":[{\"mediaType\":\"m\",\"digest\":\"sha256:0000000000000000000000000000000000000000000000000000000000000000\",\"size\":\"1\"}]}")]
    public void Bad_addon_manifests_name_the_image(string manifest)
    {
        var image = new AddonImage("registry.example.test/bad:1", Encoding.UTF8.GetBytes(manifest), TestImages.Config("bad", 1));
        var error = Assert.Throws<CompositionException>(() => CompositionPlanner.Plan(new PlanInput([], null, image, [], [])));
        Assert.Contains(image.Ref, error.Message);
    }
}
