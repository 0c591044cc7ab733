using System.Collections.Frozen;
using System.Text.Json;
using Facade.Protos.RegistryFacade;
using Google.Protobuf;

namespace Facade.Composition;

/// <summary>
/// Parses the fixed spec file: a JSON object mapping ids to ImageSpecs in protobuf JSON
/// (<c>baseRef</c>, <c>ideRef</c>, <c>supervisorRef</c>, <c>ideLayerRef</c>, <c>contentLayer</c>).
/// </summary>
internal static class FixedSpecFileParser
{
    /// <summary>The specs by id; throws <see cref="FormatException"/> naming the bad entry.</summary>
    public static FrozenDictionary<string, ImageSpec> Parse(ReadOnlyMemory<byte> json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException e)
        {
            throw new FormatException($"not valid JSON: {e.Message}", e);
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw new FormatException("the top level must be an object of id -> ImageSpec");
            var specs = new Dictionary<string, ImageSpec>(StringComparer.Ordinal);
            foreach (var entry in document.RootElement.EnumerateObject())
            {
                if (entry.Value.ValueKind != JsonValueKind.Object) throw new FormatException($"spec '{entry.Name}' is not an object");
                try
                {
                    specs[entry.Name] = JsonParser.Default.Parse<ImageSpec>(entry.Value.GetRawText());
                }
                catch (InvalidProtocolBufferException e)
                {
                    throw new FormatException($"spec '{entry.Name}' is not a valid ImageSpec: {e.Message}", e);
                }
                catch (InvalidJsonException e)
                {
                    throw new FormatException($"spec '{entry.Name}' is not a valid ImageSpec: {e.Message}", e);
                }
            }
            return specs.ToFrozenDictionary(StringComparer.Ordinal);
        }
    }
}
