using Facade.Load.Report;

namespace Facade.Load.Cold;

/// <summary>Everything the cold run measured.</summary>
internal sealed record ColdResult(
    DateTimeOffset Started, double DurationSeconds, MachineInfo Machine, string LoadAverageBefore, string LoadAverageAfter,
    long BlobBytes, int Clients, IReadOnlyList<ColdRound> Rounds);
