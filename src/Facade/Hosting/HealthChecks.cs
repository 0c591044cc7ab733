using Facade.Storage;

namespace Facade.Hosting;

/// <summary>
/// Readiness. Not ready (503) only while shutting down. A cache that cannot write is reported
/// as ready but degraded (200, <c>"status":"degraded"</c>): the facade still serves every pull,
/// verified, from the upstream, so taking it out of rotation would turn a full volume into an
/// outage (on every replica at once when they share the cause); the operator sees the state in
/// the body and the log and fixes the volume.
/// </summary>
internal static class HealthChecks
{
    public static IResult Ready(ContentStore store, ShutdownDrain drain)
    {
        if (drain.Stopping) return Results.Json(new ReadyStatus("stopping", null), HostingJsonContext.Default.ReadyStatus, statusCode: StatusCodes.Status503ServiceUnavailable);
        try
        {
            var probe = store.NewTempPath();
            File.WriteAllBytes(probe, [1]);
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            store.ReportWriteFailure(e);
        }
        return store.Health.DegradedReason is { } reason
            ? Results.Json(new ReadyStatus("degraded", reason), HostingJsonContext.Default.ReadyStatus)
            : Results.Json(new ReadyStatus("ready", null), HostingJsonContext.Default.ReadyStatus);
    }
}
