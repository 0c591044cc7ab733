using Conformance.Http;
using Conformance.Protocol;
using Conformance.Reporting;
using Conformance.Running;
using Conformance.Settings;
using Conformance.Workflows;

// Entry point: read settings, run the enabled workflows in the official order, report, set the exit code.
const string Usage = "usage: Conformance [--allow-failures]   (configuration through OCI_* environment variables, see README.md)";
var allowFailures = false;
foreach (var arg in args)
{
    switch (arg)
    {
        case "--allow-failures":
            allowFailures = true;
            break;
        case "-h" or "--help":
            Console.WriteLine(Usage);
            return 0;
        default:
            Console.Error.WriteLine($"unknown argument '{arg}'\n{Usage}");
            return 2;
    }
}

ConformanceSettings settings;
try
{
    settings = ConformanceSettings.FromEnvironment(Environment.GetEnvironmentVariable);
}
catch (SettingsException error)
{
    Console.Error.WriteLine($"configuration error: {error.Message}");
    return 2;
}

var started = DateTimeOffset.UtcNow;
var runner = new CheckRunner(Console.Out);
using (var client = new RegistryClient(settings.RootUrl, settings.Username, settings.Password, settings.Debug ? Console.Error : null))
{
    var context = new WorkflowContext(settings, new RegistryOperations(client), runner);
    IWorkflow[] workflows = [new PullWorkflow(context), new PushWorkflow(context), new ContentDiscoveryWorkflow(context), new ContentManagementWorkflow(context)];
    foreach (var workflow in workflows)
    {
        if (workflow.Enabled)
        {
            await workflow.RunAsync();
        }
        else
        {
            runner.Skip(workflow.Name, "workflow", $"{workflow.EnabledBy} is not set");
        }
    }

    await WarningChecks.RunAsync(runner, client);
}

var report = JUnitWriter.Write(settings.ReportDir, runner.Results, started);
var failed = runner.Results.Count(r => r.Outcome == CheckOutcome.Failed);
Console.WriteLine($"JUnit report: {report}");
Console.WriteLine($"{runner.Results.Count(r => r.Outcome == CheckOutcome.Passed)} passed, {failed} failed, {runner.Results.Count(r => r.Outcome == CheckOutcome.Skipped)} skipped");
return failed == 0 || allowFailures ? 0 : 1;
