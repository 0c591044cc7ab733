using Facade.Storage;

namespace Facade.Hosting;

/// <summary>Readiness: the cache directory accepts writes.</summary>
internal static class HealthChecks
{
    public static IResult Ready(ContentStore store)
    {
        try
        {
            var probe = store.NewTempPath();
            File.WriteAllBytes(probe, [1]);
            File.Delete(probe);
            return Results.Text("ready");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Results.Text("cache not writable: " + e.Message, statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}
