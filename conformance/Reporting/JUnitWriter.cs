using System.Globalization;
using System.Xml.Linq;
using Conformance.Running;

namespace Conformance.Reporting;

/// <summary>Writes results as JUnit XML: one testsuite per workflow, one testcase per check.</summary>
internal static class JUnitWriter
{
    /// <summary>File name inside the report directory.</summary>
    public const string FileName = "junit.xml";

    /// <summary>Writes <paramref name="results"/> to <paramref name="directory"/> (created if needed); returns the file path.</summary>
    public static string Write(string directory, IReadOnlyList<CheckResult> results, DateTimeOffset started)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, FileName);
        // No byte-order mark: some JUnit consumers reject it.
        using (var writer = System.Xml.XmlWriter.Create(path, new System.Xml.XmlWriterSettings { Encoding = new System.Text.UTF8Encoding(false), Indent = true }))
        {
            Build(results, started).Save(writer);
        }

        return path;
    }

    /// <summary>Builds the document (separate from writing so its shape is easy to inspect).</summary>
    public static XDocument Build(IReadOnlyList<CheckResult> results, DateTimeOffset started)
    {
        var suites = results.GroupBy(r => r.Workflow).Select(group => Suite(group.Key, group.ToList(), started));
        return new XDocument(new XElement("testsuites", Counts(results), new XAttribute("name", "oci-distribution-conformance"), suites));
    }

    private static XElement Suite(string name, IReadOnlyList<CheckResult> results, DateTimeOffset started) =>
        new("testsuite",
            new XAttribute("name", name),
            Counts(results),
            new XAttribute("errors", 0),
            new XAttribute("timestamp", started.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture)),
            results.Select(Case));

    private static XElement Case(CheckResult result)
    {
        var element = new XElement("testcase",
            new XAttribute("classname", result.Workflow),
            new XAttribute("name", result.Name),
            new XAttribute("time", Seconds(result.Duration)),
            new XElement("properties",
                new XElement("property", new XAttribute("name", "spec.section"), new XAttribute("value", result.Section)),
                new XElement("property", new XAttribute("name", "spec.requirement"), new XAttribute("value", result.Requirement))));
        switch (result.Outcome)
        {
            case CheckOutcome.Failed:
                element.Add(new XElement("failure", new XAttribute("message", result.Reason ?? ""), new XAttribute("type", "conformance"), result.Reason));
                break;
            case CheckOutcome.Skipped:
                element.Add(new XElement("skipped", new XAttribute("message", result.Reason ?? "")));
                break;
        }

        return element;
    }

    private static IEnumerable<XAttribute> Counts(IReadOnlyList<CheckResult> results) =>
    [
        new XAttribute("tests", results.Count),
        new XAttribute("failures", results.Count(r => r.Outcome == CheckOutcome.Failed)),
        new XAttribute("skipped", results.Count(r => r.Outcome == CheckOutcome.Skipped)),
        new XAttribute("time", Seconds(results.Aggregate(TimeSpan.Zero, (sum, r) => sum + r.Duration))),
    ];

    private static string Seconds(TimeSpan duration) => duration.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture);
}
