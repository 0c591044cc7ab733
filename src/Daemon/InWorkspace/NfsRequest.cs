using System.Net;

namespace Daemon.InWorkspace;

/// <summary>Validates MountNfs arguments and completes the options the kernel's NFS client needs.</summary>
internal static class NfsRequest
{
    /// <summary>
    /// The mount options for <paramref name="source"/> ("host:/export"), adding <c>addr=</c> when the host
    /// is an IP literal, since mount(2) does not resolve names. Throws InvalidArgument for bad input.
    /// </summary>
    public static string Options(string source, string args)
    {
        var colon = source.IndexOf(":/", StringComparison.Ordinal);
        if (colon <= 0 || source.Any(c => char.IsControl(c) || c is ' ' or ',') || source.Length > 1024)
        {
            throw Failures.Invalid("source must look like host:/export");
        }

        if (args.Length > 1024 || args.Any(c => char.IsControl(c) || c == ' '))
        {
            throw Failures.Invalid("args must be a comma-separated option list without blanks");
        }

        var host = source[..colon].Trim('[', ']');
        var options = args.Split(',', StringSplitOptions.RemoveEmptyEntries).ToList();
        if (!options.Any(o => o.StartsWith("addr=", StringComparison.Ordinal)))
        {
            if (!IPAddress.TryParse(host, out var address))
            {
                throw Failures.Invalid("the source host must be an IP address unless args carry addr=");
            }

            options.Add("addr=" + address);
        }

        return string.Join(',', options);
    }
}
