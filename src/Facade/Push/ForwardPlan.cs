using Facade.Shared.Errors;

namespace Facade.Push;

/// <summary>
/// How one client request is passed to the upstream: the upstream path, and optionally another
/// query, another method, an error mapping and a hook run on success before the answer's
/// headers go out (it may add headers).
/// </summary>
internal sealed record ForwardPlan(string UpstreamPath)
{
    /// <summary>Replaces the client's query (which is otherwise kept, minus <c>ns</c>); includes the leading '?'.</summary>
    public string? Query { get; init; }

    /// <summary>Sends the request with this method instead of the client's.</summary>
    public HttpMethod? Method { get; init; }

    /// <summary>Turns an upstream failure into the error the client gets; null keeps the default mapping.</summary>
    public Func<HttpResponseMessage, OciError?>? MapError { get; init; }

    /// <summary>Runs after a 2xx answer, with the client's response headers already copied.</summary>
    public Func<HttpContext, HttpResponseMessage, Task>? OnSuccess { get; init; }
}
