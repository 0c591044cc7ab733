using Facade.Endpoints;
using Facade.Http;
using Facade.Shared.Errors;
using Facade.Upstreams;
using Yarp.ReverseProxy.Forwarder;

namespace Facade.Push;

/// <summary>
/// The transformer of a push request: <see cref="PassThroughTransformer"/> maps the path and
/// drops the client's credentials; on top of it this applies the plan (query, method), rewrites
/// <c>Location</c> onto the facade, answers upstream failures with the facade's own envelopes,
/// and runs the plan's success hook before the answer's headers are sent.
/// </summary>
internal sealed class PushTransformer(UpstreamTarget target, string clientName, ForwardPlan plan) : HttpTransformer
{
    private readonly PassThroughTransformer _inner = new(target, clientName, plan.UpstreamPath);

    public override async ValueTask TransformRequestAsync(HttpContext httpContext, HttpRequestMessage proxyRequest,
        string destinationPrefix, CancellationToken cancellationToken)
    {
        await _inner.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken).ConfigureAwait(false);
        if (plan.Query is { } query) proxyRequest.RequestUri = new Uri(target.Upstream.BaseUri, plan.UpstreamPath + query);
        if (plan.Method is { } method) proxyRequest.Method = method;
    }

    public override async ValueTask<bool> TransformResponseAsync(HttpContext httpContext, HttpResponseMessage? proxyResponse,
        CancellationToken cancellationToken)
    {
        if (proxyResponse is not null && !proxyResponse.IsSuccessStatusCode
            && (plan.MapError?.Invoke(proxyResponse) ?? DefaultError(proxyResponse)) is { } error)
        {
            await OciResults.WriteErrorAsync(httpContext, error).ConfigureAwait(false);
            return false;
        }
        var proceed = await _inner.TransformResponseAsync(httpContext, proxyResponse, cancellationToken).ConfigureAwait(false);
        var response = httpContext.Response;
        // The facade already announced its API version; the upstream's copy would repeat it.
        response.Headers["Docker-Distribution-API-Version"] = "registry/2.0";
        if (response.Headers.Location.ToString() is { Length: > 0 } location)
        {
            response.Headers.Location = LocationMapper.Map(location, target.Upstream.BaseUri, target.Repository, clientName,
                httpContext.Request.Query["ns"].ToString());
        }
        if (proxyResponse is { IsSuccessStatusCode: true } && plan.OnSuccess is { } hook)
            await hook(httpContext, proxyResponse).ConfigureAwait(false);
        return proceed;
    }

    /// <summary>
    /// Registry 4xx answers pass through (they are the registry's envelopes); refusals of the
    /// facade's own credentials and upstream failures become the facade's errors.
    /// </summary>
    private OciError? DefaultError(HttpResponseMessage response) => (int)response.StatusCode switch
    {
        401 or 403 or 429 or >= 500 => UpstreamFailure.FromStatus(target.Upstream, response.StatusCode, OciErrorCode.NameUnknown),
        _ => null,
    };
}
