using Microsoft.Extensions.Options;

namespace Facade.Ipfs;

/// <summary>Checks <see cref="IpfsOptions"/> at start, so a bad address fails the start, not a pull.</summary>
internal sealed class IpfsOptionsValidator : IValidateOptions<IpfsOptions>
{
    private static readonly TimeSpan MaxTimeout = TimeSpan.FromMinutes(10);

    public ValidateOptionsResult Validate(string? name, IpfsOptions options)
    {
        var failures = new List<string>();
        if (options.Enabled || !string.IsNullOrWhiteSpace(options.Api))
        {
            try
            {
                IpfsApiAddress.Resolve(options.Api);
            }
            catch (FormatException e)
            {
                failures.Add($"{IpfsOptions.Section}:Api: {e.Message}");
            }
        }
        if (options.RewriteManifests == ManifestUrlRewrite.GatewayUrls
            && (!Uri.TryCreate(options.GatewayUrl, UriKind.Absolute, out var gateway)
                || (gateway.Scheme != Uri.UriSchemeHttp && gateway.Scheme != Uri.UriSchemeHttps)))
        {
            failures.Add($"{IpfsOptions.Section}:GatewayUrl must be an absolute http(s) URL when RewriteManifests is GatewayUrls");
        }
        if (!Enum.IsDefined(options.RewriteManifests))
            failures.Add($"{IpfsOptions.Section}:RewriteManifests must be None, IpfsUrls or GatewayUrls");
        if (options.Timeout <= TimeSpan.Zero || options.Timeout > MaxTimeout)
            failures.Add($"{IpfsOptions.Section}:Timeout must be between 0 and {MaxTimeout}");
        if (options.ReadTimeout <= TimeSpan.Zero || options.ReadTimeout > MaxTimeout)
            failures.Add($"{IpfsOptions.Section}:ReadTimeout must be between 0 and {MaxTimeout}");
        if (options.FirstByteTimeout <= TimeSpan.Zero || options.FirstByteTimeout > MaxTimeout)
            failures.Add($"{IpfsOptions.Section}:FirstByteTimeout must be between 0 and {MaxTimeout}");
        if (options.FailedCidTtl < TimeSpan.Zero)
            failures.Add($"{IpfsOptions.Section}:FailedCidTtl must not be negative");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
