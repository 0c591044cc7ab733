using Microsoft.AspNetCore.Routing;

namespace Facade.Metrics;

/// <summary>
/// One log line per request, written when the response is complete: method, route template,
/// status, bytes, duration, and for <c>/v2</c> the source of the bytes and the upstream.
/// </summary>
internal sealed partial class AccessLogMiddleware(RequestDelegate next, TimeProvider time, ILogger<AccessLogMiddleware> log)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var record = new RequestLog();
        context.Features.Set(record);
        var started = time.GetTimestamp();
        try
        {
            await next(context).ConfigureAwait(false);
        }
        finally
        {
            if (log.IsEnabled(LogLevel.Information))
            {
                var response = context.Response;
                var bytes = record.Bytes ?? (HttpMethods.IsHead(context.Request.Method) ? 0 : response.ContentLength ?? 0);
                var route = record.Route ?? (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "unmatched";
                LogRequest(HttpMethodLabel.Of(context.Request.Method), route, response.StatusCode, bytes,
                    time.GetElapsedTime(started).TotalMilliseconds, record.Source ?? "-", record.Upstream ?? "-");
            }
        }
    }

    [LoggerMessage(EventId = 1501, Level = LogLevel.Information,
        Message = "{Method} {Route} {Status} {Bytes} bytes in {DurationMs:F1} ms source={Source} upstream={Upstream}")]
    private partial void LogRequest(string method, string route, int status, long bytes, double durationMs, string source, string upstream);
}
