using Facade.Shared.Errors;

namespace Facade.Upstreams;

/// <summary>An upstream request that failed; carries the error to answer the client with.</summary>
internal sealed class UpstreamException(OciError error) : Exception(error.Message)
{
    public OciError Error { get; } = error;
}
