using System.Diagnostics;

namespace Conformance.Running;

/// <summary>Runs checks one at a time, prints each outcome as it happens and keeps the results.</summary>
internal sealed class CheckRunner(TextWriter output)
{
    private readonly List<CheckResult> _results = [];

    /// <summary>All results so far, in run order.</summary>
    public IReadOnlyList<CheckResult> Results => _results;

    /// <summary>
    /// Runs <paramref name="check"/>: returning normally passes, <see cref="CheckSkippedException"/> skips,
    /// any other exception fails with its message. Returns true only on pass, so later checks can depend on it.
    /// </summary>
    public async Task<bool> RunAsync(string workflow, string name, Func<Task> check)
    {
        var clock = Stopwatch.StartNew();
        CheckResult result;
        try
        {
            await check();
            result = new CheckResult(workflow, name, CheckOutcome.Passed, null, clock.Elapsed);
        }
        catch (CheckSkippedException skip)
        {
            result = new CheckResult(workflow, name, CheckOutcome.Skipped, skip.Message, clock.Elapsed);
        }
        catch (CheckFailedException failure)
        {
            result = new CheckResult(workflow, name, CheckOutcome.Failed, failure.Message, clock.Elapsed);
        }
        catch (Exception error) when (error is HttpRequestException or TaskCanceledException or IOException)
        {
            result = new CheckResult(workflow, name, CheckOutcome.Failed, $"request failed: {error.Message}", clock.Elapsed);
        }
        catch (Exception error)
        {
            // Anything else is unexpected; it still becomes a visible failure instead of ending the run.
            result = new CheckResult(workflow, name, CheckOutcome.Failed, $"unexpected {error.GetType().Name}: {error.Message}", clock.Elapsed);
        }

        Record(result);
        return result.Outcome == CheckOutcome.Passed;
    }

    /// <summary>Records a skip without running anything.</summary>
    public void Skip(string workflow, string name, string reason) =>
        Record(new CheckResult(workflow, name, CheckOutcome.Skipped, reason, TimeSpan.Zero));

    private void Record(CheckResult result)
    {
        if (SpecCitations.For(result.Name) is { } citation)
        {
            result = result with { Section = citation.Section, Requirement = citation.Requirement };
        }
        else if (result.Outcome != CheckOutcome.Failed)
        {
            // A check that cannot say which requirement it tests does not get to pass.
            result = result with { Outcome = CheckOutcome.Failed, Reason = "the check cites no requirement of the specification" };
        }

        _results.Add(result);
        var label = result.Outcome switch
        {
            CheckOutcome.Passed => "PASS",
            CheckOutcome.Failed => "FAIL",
            _ => "SKIP",
        };
        var reason = result.Reason is null ? "" : " :: " + result.Reason;
        var section = result.Section is "" or "-" ? "" : $" [{result.Section}]";
        output.WriteLine($"{label} {result.Workflow}/{result.Name}{reason}{section}");
    }
}
