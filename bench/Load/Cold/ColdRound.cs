namespace Facade.Load.Cold;

/// <summary>
/// One round of the cold run, every figure from the same minutes: the upstream read directly,
/// the facade and distribution's proxy each with an empty cache, and the native floor relay
/// forwarding only and caching (null when it could not be built).
/// </summary>
internal sealed record ColdRound(
    string LoadAverage,
    ColdSample Direct1,
    ColdSample Facade1,
    ColdSample Proxy1,
    ColdSample DirectMany,
    ColdSample FacadeMany,
    ColdSample? FloorForward,
    ColdSample? FloorCache);
