namespace Facade.Load.Soak;

/// <summary>Everything the soak measured.</summary>
internal sealed record SoakResult(
    DateTimeOffset Started, int Minutes, int Images, long ImageBytes, long CacheBound, int Clients,
    long Ok, long Bytes, long Wrong, IReadOnlyList<string> WrongDetails, long Disconnects,
    int ExplainedErrors, IReadOnlyList<SoakError> UnexplainedErrors, IReadOnlyList<SoakWindow> Windows, IReadOnlyList<SoakSample> Samples);
