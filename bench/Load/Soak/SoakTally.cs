using System.Collections.Concurrent;

namespace Facade.Load.Soak;

/// <summary>
/// What the soak's clients saw: good responses, errors (a status other than the expected one, or
/// a connection cut before the end: never served as good) with when they happened, and wrong
/// bytes (a response that ended cleanly with content not matching its digest: the one outcome
/// that must never happen).
/// </summary>
internal sealed class SoakTally
{
    private long _ok;
    private long _wrong;
    private long _disconnects;
    private long _bytes;

    public ConcurrentQueue<SoakError> Errors { get; } = new();

    public ConcurrentQueue<string> WrongDetails { get; } = new();

    public long Ok => Interlocked.Read(ref _ok);

    public long Wrong => Interlocked.Read(ref _wrong);

    public long Disconnects => Interlocked.Read(ref _disconnects);

    public long Bytes => Interlocked.Read(ref _bytes);

    public void Good(long bytes)
    {
        Interlocked.Increment(ref _ok);
        Interlocked.Add(ref _bytes, bytes);
    }

    public void Left() => Interlocked.Increment(ref _disconnects);

    public void Error(DateTimeOffset at, string what) => Errors.Enqueue(new SoakError(at, what));

    public void WrongBytes(string detail)
    {
        Interlocked.Increment(ref _wrong);
        WrongDetails.Enqueue(detail);
    }
}

/// <summary>One failed request of the soak.</summary>
internal sealed record SoakError(DateTimeOffset At, string What);

/// <summary>A period in which errors are expected, and why (upstream down, facade restarting).</summary>
internal sealed record SoakWindow(DateTimeOffset From, DateTimeOffset To, string Reason);

/// <summary>One line of the per-minute table.</summary>
internal sealed record SoakSample(int Minute, long Ok, long Errors, long Wrong, long Disconnects, double RssMiB, int OpenFds, int Pid);
