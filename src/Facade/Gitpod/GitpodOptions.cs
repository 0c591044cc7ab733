namespace Facade.Gitpod;

/// <summary>What a Gitpod config sets beyond the facade's own keys (<c>Facade:Gitpod</c>).</summary>
public sealed class GitpodOptions
{
    /// <summary>The configuration section name.</summary>
    public const string Section = "Facade:Gitpod";

    /// <summary>Gitpod's <c>registry.prefix</c>: the distribution API answers under <c>&lt;prefix&gt;/v2</c> only.</summary>
    public string? Prefix { get; set; }

    /// <summary>Port of the <c>prometheusAddr</c> listener: it answers <c>/metrics</c> and nothing else.</summary>
    public int? MetricsPort { get; set; }

    /// <summary>Port of the <c>readinessProbeAddr</c> listener: <c>/ready</c> and <c>/live</c> (and <c>/health/*</c>).</summary>
    public int? ReadinessPort { get; set; }

    /// <summary>Keys of the Gitpod config that mean nothing here (reported at start-up).</summary>
    public List<string> UnknownKeys { get; set; } = [];
}
