using System.Text;
using System.Text.RegularExpressions;
using Conformance.Http;
using Conformance.Running;

namespace Conformance.Workflows;

/// <summary>
/// Warning headers, checked over every response of the run: a registry may send them, and
/// clients may show them, only in the one shape the specification allows (code 299, agent "-",
/// a quoted text) and within 4096 bytes per response.
/// </summary>
internal static partial class WarningChecks
{
    private const int MaxBytes = 4096;

    public static Task RunAsync(CheckRunner runner, RegistryClient client) =>
        runner.RunAsync("warnings", "Warning headers on every response are 299 - \"text\" within 4096 bytes", () =>
        {
            foreach (var response in client.Warned)
            {
                var values = response.Headers.Where(h => h.Key.Equals("Warning", StringComparison.OrdinalIgnoreCase)).SelectMany(h => h.Value).ToList();
                foreach (var value in values)
                {
                    Expect.That(Shape().IsMatch(value), $"{response.Describe()}: Warning '{value}' is not 299 - \"text\"");
                }

                var bytes = values.Sum(v => Encoding.UTF8.GetByteCount(v));
                Expect.That(bytes <= MaxBytes, $"{response.Describe()}: {bytes} bytes of Warning headers, at most {MaxBytes} allowed");
            }

            return Task.CompletedTask;
        });

    // warn-code 299, warn-agent "-", a quoted warn-text (escaped quotes allowed), no warn-date.
    [GeneratedRegex("^299 - \"(?:[^\"\\\\]|\\\\.)*\"$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
