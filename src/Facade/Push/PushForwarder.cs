using Facade.Configuration;
using Facade.Http;
using Facade.Shared.Errors;
using Facade.Upstreams;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Forwarder;

namespace Facade.Push;

/// <summary>
/// Passes a client request to the upstream with YARP's forwarder over the upstream's own
/// authenticated client (so the upstream's credentials are used, never the client's), streaming
/// bodies both ways. Forwarding failures become distribution errors.
/// </summary>
internal sealed partial class PushForwarder(IHttpForwarder forwarder, IOptions<FacadeOptions> options, ILogger<PushForwarder> log)
{
    private readonly ForwarderRequestConfig _config = new() { ActivityTimeout = options.Value.Timeouts.Idle };

    public async Task ForwardAsync(HttpContext context, UpstreamTarget target, string clientName, ForwardPlan plan)
    {
        var transformer = new PushTransformer(target, clientName, plan);
        var error = await forwarder.SendAsync(context, target.Upstream.BaseUri.ToString(), target.Upstream.Client.Invoker, _config, transformer)
            .ConfigureAwait(false);
        if (error == ForwarderError.None || context.RequestAborted.IsCancellationRequested) return;
        var detail = context.Features.Get<IForwarderErrorFeature>()?.Exception?.Message ?? error.ToString();
        LogForwardFailed(target.Upstream.Name, context.Request.Method, plan.UpstreamPath, error, detail);
        var code = error switch
        {
            ForwarderError.RequestTimedOut => OciErrorCode.GatewayTimeout,
            ForwarderError.RequestBodyClient or ForwarderError.RequestCanceled => OciErrorCode.BlobUploadInvalid,
            _ => OciErrorCode.BadGateway,
        };
        await OciResults.WriteErrorAsync(context, new OciError(code, $"forwarding to upstream {target.Upstream.Name} failed ({error})"))
            .ConfigureAwait(false);
    }

    [LoggerMessage(EventId = 1301, Level = LogLevel.Warning, Message = "push to upstream {Upstream} failed: {Method} {Path}: {Error} ({Detail})")]
    private partial void LogForwardFailed(string upstream, string method, string path, ForwarderError error, string detail);
}
