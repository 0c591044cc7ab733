namespace Conformance.Running;

/// <summary>The result of one check.</summary>
/// <param name="Workflow">Workflow name (pull, push, content-discovery, content-management).</param>
/// <param name="Name">Check name, unique within its workflow.</param>
/// <param name="Outcome">Pass, fail or skip.</param>
/// <param name="Reason">Why it failed or was skipped; null on pass.</param>
/// <param name="Duration">Wall time spent in the check.</param>
internal sealed record CheckResult(string Workflow, string Name, CheckOutcome Outcome, string? Reason, TimeSpan Duration)
{
    /// <summary>The specification section the check tests ("-" for setup steps).</summary>
    public string Section { get; init; } = "";

    /// <summary>The requirement tested, in the suite's own words.</summary>
    public string Requirement { get; init; } = "";
}
