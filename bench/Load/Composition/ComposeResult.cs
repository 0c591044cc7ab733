namespace Facade.Load.Composition;

/// <summary>What the composition run measured, per naming mode.</summary>
internal sealed record ComposeResult(
    DateTimeOffset Started, double DurationSeconds, Report.MachineInfo Machine, string LoadAverageBefore, string LoadAverageAfter,
    string Images, IReadOnlyList<ComposeModeResult> Modes);
