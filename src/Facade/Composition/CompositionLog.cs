using Microsoft.Extensions.Logging;

namespace Facade.Composition;

/// <summary>Log messages of the composition feature (event ids 3000-3099).</summary>
internal static partial class CompositionLog
{
    [LoggerMessage(3000, LogLevel.Information, "Loaded {Count} fixed image specs from {Path}")]
    public static partial void FixedSpecsLoaded(ILogger logger, int count, string path);

    [LoggerMessage(3001, LogLevel.Warning, "Keeping the last good fixed image specs: {Path} is invalid: {Problem}")]
    public static partial void FixedSpecsInvalid(ILogger logger, string path, string problem);

    [LoggerMessage(3002, LogLevel.Warning, "Spec provider {Address} failed for id {Id}: {Status} {Detail}")]
    public static partial void ProviderFailed(ILogger logger, string address, string id, string status, string detail);
}
