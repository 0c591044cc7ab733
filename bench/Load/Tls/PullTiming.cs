namespace Facade.Load.Tls;

/// <summary>One timed GET: seconds to the end and to the first body byte, bytes read, HTTP version, the failure if any.</summary>
internal sealed record PullTiming(double WallSeconds, double FirstByteSeconds, long Bytes, string Version, string? Error);
