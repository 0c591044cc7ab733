using System.Runtime.CompilerServices;
using System.Text.Json;
using Facade.Shared.Composition;

namespace Facade.Shared.Tests.Composition;

/// <summary>
/// One folder under Golden/: the inputs (base manifest and config, optional index, add-on images,
/// case.json) and the expected outputs. Runs the real planner, picker and composer.
/// </summary>
internal sealed class GoldenCase(string directory)
{
    public const string RegenerateVariable = "FACADE_REGENERATE_GOLDEN";

    public string Directory { get; } = directory;

    public static string Root([CallerFilePath] string source = "") => Path.Combine(Path.GetDirectoryName(source)!, "Golden");

    public static IEnumerable<object[]> Names() =>
        System.IO.Directory.GetDirectories(Root()).Select(d => new object[] { Path.GetFileName(d) }).OrderBy(n => (string)n[0]);

    public byte[] Read(string name) => File.ReadAllBytes(Path.Combine(Directory, name));

    public bool Has(string name) => File.Exists(Path.Combine(Directory, name));

    /// <summary>Picks the base from the index when the case has one; returns the picked entry.</summary>
    public PlatformManifest? Pick()
    {
        if (!Has("base-index.json")) return null;
        using var spec = JsonDocument.Parse(Read("case.json"));
        var platform = spec.RootElement.TryGetProperty("platform", out var p) ? Platform.Parse(p.GetString()!) : null;
        return PlatformPicker.Pick(Read("base-index.json"), platform);
    }

    public ComposeResult Compose()
    {
        using var spec = JsonDocument.Parse(Read("case.json"));
        var root = spec.RootElement;
        var input = new PlanInput(
            Images(root, "static").Select(i => (StaticLayer)new StaticImageLayer(i)).ToList(),
            Image(root, "ide"),
            Image(root, "supervisor"),
            Images(root, "ideLayers"),
            Content(root));
        var annotations = root.TryGetProperty("annotations", out var a)
            ? a.EnumerateObject().Select(p => KeyValuePair.Create(p.Name, p.Value.GetString()!)).ToList()
            : null;
        var plan = CompositionPlanner.Plan(input);
        return ImageComposer.Compose(plan.ToComposeInput(Read("base-manifest.json"), Read("base-config.json"),
            root.GetProperty("baseRef").GetString()!, annotations));
    }

    private AddonImage? Image(JsonElement root, string property) =>
        root.TryGetProperty(property, out var image) ? Load(image) : null;

    private List<AddonImage> Images(JsonElement root, string property) =>
        root.TryGetProperty(property, out var images) ? images.EnumerateArray().Select(Load).ToList() : [];

    private AddonImage Load(JsonElement image)
    {
        var name = image.GetProperty("name").GetString()!;
        return new AddonImage(image.GetProperty("ref").GetString()!, Read(name + ".manifest.json"), Read(name + ".config.json"));
    }

    private static List<ContentSource> Content(JsonElement root)
    {
        if (!root.TryGetProperty("content", out var content)) return [];
        return content.EnumerateArray().Select(c => c.TryGetProperty("direct", out var direct)
            ? (ContentSource)new DirectContent(direct.GetBytesFromBase64())
            : Remote(c.GetProperty("remote"))).ToList();
    }

    private static RemoteContent Remote(JsonElement r) => new(
        r.GetProperty("url").GetString()!, r.GetProperty("digest").GetString()!, r.GetProperty("diffId").GetString()!,
        r.GetProperty("mediaType").GetString()!, r.GetProperty("size").GetInt64());
}
