namespace Facade.Load.Cold;

/// <summary>One measured transfer: wall time, the server's CPU seconds, bytes served, bytes the upstream sent for it.</summary>
internal sealed record ColdSample(double WallSeconds, double CpuSeconds, long BytesServed, long? UpstreamBytes, int Complete, int Clients, string? Error)
{
    private const double MiB = 1024 * 1024;

    /// <summary>Aggregate MiB/s over all clients.</summary>
    public double MiBPerSecond => WallSeconds > 0 ? BytesServed / MiB / WallSeconds : 0;

    /// <summary>Server CPU seconds per GiB served.</summary>
    public double CpuPerGiB => BytesServed > 0 ? CpuSeconds / (BytesServed / (MiB * 1024)) : 0;
}
