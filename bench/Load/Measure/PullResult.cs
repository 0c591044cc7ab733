namespace Facade.Load.Measure;

/// <summary>One verified download: wall time, bytes read, and whether their SHA-256 was the blob's digest.</summary>
internal sealed record PullResult(double WallSeconds, long Bytes, bool DigestMatches, string? Error)
{
    public double MiBPerSecond => WallSeconds > 0 ? Bytes / (1024.0 * 1024) / WallSeconds : 0;
}
