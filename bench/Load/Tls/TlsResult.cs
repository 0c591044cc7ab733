using Facade.Load.Report;

namespace Facade.Load.Tls;

/// <summary>Everything the TLS run measured.</summary>
internal sealed record TlsResult(
    DateTimeOffset Started, double DurationSeconds, MachineInfo Machine, string LoadAverageBefore, string LoadAverageAfter,
    long BlobBytes, double RoundTripMs, int StreamWindowBytes, int LinkMbit, IReadOnlyList<TlsRound> Rounds);
