namespace Facade.Load.Measure;

/// <summary>N concurrent downloads of one blob: wall time and what each got.</summary>
internal sealed record ColdPullResult(double WallSeconds, int Completed, int Failed, long BytesReceived, string? FirstError);
