namespace Facade.Upstreams;

/// <summary>A request resolved to an upstream and the repository name to use there.</summary>
internal sealed record UpstreamTarget(UpstreamRegistry Upstream, string Repository);
