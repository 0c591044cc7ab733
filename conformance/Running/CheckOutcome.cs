namespace Conformance.Running;

/// <summary>How a check ended.</summary>
internal enum CheckOutcome
{
    /// <summary>The registry behaved as required.</summary>
    Passed,

    /// <summary>The registry broke a requirement (or the check could not talk to it).</summary>
    Failed,

    /// <summary>The check did not apply: disabled workflow, optional feature, or a prerequisite failed.</summary>
    Skipped,
}
