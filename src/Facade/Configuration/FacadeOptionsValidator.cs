using Microsoft.Extensions.Options;

namespace Facade.Configuration;

/// <summary>Checks what data annotations cannot: URLs, names and the default upstream.</summary>
internal sealed class FacadeOptionsValidator : IValidateOptions<FacadeOptions>
{
    public ValidateOptionsResult Validate(string? name, FacadeOptions options)
    {
        var failures = new List<string>();
        foreach (var (upstream, settings) in options.Upstreams)
        {
            if (!Uri.TryCreate(settings.Url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
                failures.Add($"Facade:Upstreams:{upstream}:Url must be an absolute http(s) URL");
            if (settings.Password is not null && settings.Username is null)
                failures.Add($"Facade:Upstreams:{upstream}: Password given without Username");
            if (settings.DockerConfig is not null && !File.Exists(settings.DockerConfig))
                failures.Add($"Facade:Upstreams:{upstream}:DockerConfig file '{settings.DockerConfig}' does not exist");
        }
        if (options.DefaultUpstream is { } d && !options.Upstreams.ContainsKey(d))
            failures.Add($"Facade:DefaultUpstream '{d}' is not a configured upstream");
        if (options.OnDemandUpstreams.DockerConfig is { } auth && !File.Exists(auth))
            failures.Add($"Facade:OnDemandUpstreams:DockerConfig file '{auth}' does not exist");
        if (string.IsNullOrWhiteSpace(options.Cache.Directory))
            failures.Add("Facade:Cache:Directory must be set");
        if (options.Cache.TagTtl < TimeSpan.Zero)
            failures.Add("Facade:Cache:TagTtl must not be negative");
        if (options.Timeouts.Idle <= TimeSpan.Zero || options.Timeouts.Connect <= TimeSpan.Zero)
            failures.Add("Facade:Timeouts must be positive");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
