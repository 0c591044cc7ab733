namespace Facade.Load.Tls;

/// <summary>One measured pull with, for a facade, its CPU seconds and the bytes its upstream sent (TLS records included).</summary>
internal sealed record TlsSample(PullTiming Pull, double? CpuSeconds, long? UpstreamBytes)
{
    private const double MiB = 1024 * 1024;

    public double MiBPerSecond => Pull.WallSeconds > 0 ? Pull.Bytes / MiB / Pull.WallSeconds : 0;

    public double FirstByteMs => Pull.FirstByteSeconds * 1000;

    /// <summary>Server CPU seconds per GiB served (null for a direct client: there is no server of ours).</summary>
    public double? CpuPerGiB => CpuSeconds is { } cpu && Pull.Bytes > 0 ? cpu / (Pull.Bytes / (MiB * 1024)) : null;
}
