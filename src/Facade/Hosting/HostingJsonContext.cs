using System.Text.Json.Serialization;

namespace Facade.Hosting;

/// <summary>Source-generated JSON for the health endpoints.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ReadyStatus))]
internal sealed partial class HostingJsonContext : JsonSerializerContext;
