using System.Text.Json.Serialization;

namespace Facade.Shared.Oci;

/// <summary>Source-generated JSON metadata for the OCI model (no reflection at run time).</summary>
[JsonSerializable(typeof(ManifestDocument))]
[JsonSerializable(typeof(Descriptor))]
[JsonSerializable(typeof(DescriptorPlatform))]
[JsonSerializable(typeof(TagList))]
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
public sealed partial class OciJsonContext : JsonSerializerContext;
