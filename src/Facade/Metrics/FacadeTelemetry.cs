using System.Diagnostics;

namespace Facade.Metrics;

/// <summary>
/// The facade's trace source and the attribute names its spans carry. A step that deserves a
/// span starts it here with one line, in the folder that owns the step; with no listener (no
/// exporter configured) <see cref="ActivitySource.StartActivity(string, ActivityKind)"/> returns
/// null and costs next to nothing.
/// </summary>
internal static class FacadeTelemetry
{
    public const string SourceName = "Facade";

    public const string DigestAttribute = "oci.digest";
    public const string UpstreamAttribute = "facade.upstream";
    public const string SourceAttribute = "facade.source";
    public const string RouteAttribute = "facade.route";
    public const string ResultAttribute = "facade.result";

    public static readonly ActivitySource Source = new(SourceName);

    /// <summary>Starts an internal span, or returns null when nobody listens.</summary>
    public static Activity? Start(string name, string? digest = null, string? upstream = null)
    {
        var activity = Source.StartActivity(name);
        if (activity is null) return null;
        if (digest is not null) activity.SetTag(DigestAttribute, digest);
        if (upstream is not null) activity.SetTag(UpstreamAttribute, upstream);
        return activity;
    }

    /// <summary>Tags a lookup span with its outcome.</summary>
    public static void Hit(this Activity? activity, bool hit) => activity?.SetTag(ResultAttribute, hit ? "hit" : "miss");

    /// <summary>Marks a span failed with the cause, as OpenTelemetry's status conventions ask.</summary>
    public static void Fail(this Activity? activity, Exception cause)
    {
        if (activity is null) return;
        activity.SetStatus(ActivityStatusCode.Error, cause.Message);
        activity.SetTag("error.type", cause.GetType().FullName);
    }
}
