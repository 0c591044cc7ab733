namespace Facade.Load.Report;

/// <summary>
/// One load run: when, where, with which sizes, and the per-server results. The load averages
/// (1, 5, 15 min) say how busy the machine was with other work, which the numbers include.
/// </summary>
internal sealed record LoadReport(
    DateTimeOffset Started, double DurationSeconds, MachineInfo Machine, string RegistryVersion, string LoadAverageBefore, string LoadAverageAfter,
    long BlobBytes, int Clients, int ManifestConnections, double BlobSeconds, double ManifestSeconds,
    IReadOnlyList<PeerResult> Peers);
