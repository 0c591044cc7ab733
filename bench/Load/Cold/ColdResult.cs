using Facade.Load.Report;

namespace Facade.Load.Cold;

/// <summary>Everything the cold run measured; <c>FloorSkipped</c> says why the floor relay did not run.</summary>
internal sealed record ColdResult(
    DateTimeOffset Started, double DurationSeconds, MachineInfo Machine, string LoadAverageBefore, string LoadAverageAfter,
    long BlobBytes, int Clients, IReadOnlyList<ColdRound> Rounds, string? FloorSkipped);
