namespace Facade.Metrics;

/// <summary><c>Facade:Telemetry</c>: how the facade reports on itself.</summary>
internal sealed class TelemetryOptions
{
    public const string Section = "Facade:Telemetry";

    /// <summary>Console log lines as JSON objects (one per line) instead of text.</summary>
    public bool JsonConsole { get; set; }

    /// <summary>The <c>service.name</c> resource attribute of exported metrics and traces.</summary>
    public string ServiceName { get; set; } = "facade";

    /// <summary>One Information line per request (method, route template, status, bytes, duration, source, upstream).</summary>
    public bool AccessLog { get; set; } = true;
}
