using System.Text.Json.Serialization;

namespace Facade.Hosting;

/// <summary>The body of <c>/health/ready</c>: <c>ready</c>, <c>degraded</c> (with the cache's problem) or <c>stopping</c>.</summary>
internal sealed record ReadyStatus(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("cache")] string? Cache);
