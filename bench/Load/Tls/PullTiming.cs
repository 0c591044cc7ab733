namespace Facade.Load.Tls;

/// <summary>One timed GET: seconds to the end and to the first body byte, bytes and reads (1 MiB buffer), HTTP version, the failure if any.</summary>
internal sealed record PullTiming(double WallSeconds, double FirstByteSeconds, long Bytes, int Reads, string Version, string? Error)
{
    /// <summary>Mean bytes one read returned.</summary>
    public double MeanRead => Reads > 0 ? (double)Bytes / Reads : 0;
}
