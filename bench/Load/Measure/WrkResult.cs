namespace Facade.Load.Measure;

/// <summary>What one <c>wrk</c> run measured.</summary>
internal sealed record WrkResult(
    double RequestsPerSecond, double BytesPerSecond, double? P50Ms, double? P99Ms, long Requests, long Errors, long Non2xx);
