namespace Facade.Storage;

/// <summary>
/// Room for blobs being written: the size bound (entries plus promised temp files, made by
/// evicting the least recently used) and the volume's real free space, which can be smaller than
/// the bound (a small or shared volume). When neither can be met the cache is degraded and the
/// blob streams without it.
/// </summary>
internal sealed class CacheSpace(TempArea temp, CacheEvictor evictor, CacheHealth health, string root)
{
    /// <summary>
    /// Promises room for a temp file of <paramref name="bytes"/>, or null when the cache cannot
    /// take the blob (larger than the bound, or no space on the volume even after evicting).
    /// </summary>
    public TempReservation? TryReserve(string tempPath, long bytes)
    {
        if (bytes > evictor.MaxBytes) return null;
        temp.Reserve(tempPath, bytes);
        var reservation = new TempReservation(temp, tempPath, bytes);
        evictor.EvictIfOver();
        if (FreeSpace() is { } free && free < bytes)
        {
            // The volume is smaller than the bound (or shared): free what the shortfall needs.
            evictor.TrimTo(evictor.Used - (bytes - free));
            if (FreeSpace() is { } after && after < bytes)
            {
                reservation.Dispose();
                health.MarkDegraded($"{after} bytes free on the cache volume, {bytes} needed");
                return null;
            }
        }
        return reservation;
    }

    private long? FreeSpace()
    {
        try { return new DriveInfo(root).AvailableFreeSpace; }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException) { return null; }
    }
}
