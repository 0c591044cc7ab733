using System.Text.Json.Serialization;

namespace Facade.Shared.Oci;

/// <summary>The body of <c>/v2/&lt;name&gt;/tags/list</c>.</summary>
public sealed record TagList
{
    [JsonPropertyName("name")] public string Name { get; init; } = "";
    [JsonPropertyName("tags")] public IReadOnlyList<string>? Tags { get; init; }
}
