using System.Text.Json.Serialization;

namespace Facade.Ipfs;

/// <summary>Source-generated serializers for the node's answers.</summary>
[JsonSourceGenerationOptions(NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(KuboAddLine))]
[JsonSerializable(typeof(KuboStat))]
[JsonSerializable(typeof(KuboId))]
[JsonSerializable(typeof(KuboVersion))]
[JsonSerializable(typeof(KuboError))]
internal sealed partial class KuboJsonContext : JsonSerializerContext;
