using Facade.Load.Measure;

namespace Facade.Load.Composition;

/// <summary>
/// One way of naming a composed image (<c>remote/</c> or <c>fixed/</c>): the cold first requests,
/// the sequential repeats and the concurrent run, with the upstream traffic and spec calls seen.
/// </summary>
internal sealed record ComposeModeResult(
    string Name, double FirstMs, int FirstUpstreamRequests, double SecondIdFirstMs, int SecondIdUpstreamRequests,
    int Layers, int RepeatCount, double RepeatP50Ms, double RepeatP99Ms, double RepeatMeanMs,
    WrkResult Concurrent, int Connections, double ConcurrentSeconds, int UpstreamRequestsAfterFirst, int? SpecCalls);
