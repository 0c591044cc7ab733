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
            if (!settings.Enabled) continue;
            if (!Uri.TryCreate(settings.Url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
                failures.Add($"Facade:Upstreams:{upstream}:Url must be an absolute http(s) URL");
            else if (uri.AbsolutePath.TrimEnd('/').Length > 0 || uri.Query.Length > 0)
                // The distribution API is at /v2/ of the host; a path would be silently dropped.
                failures.Add($"Facade:Upstreams:{upstream}:Url must not have a path or query (a registry lives at the host's /v2/)");
            foreach (var realm in settings.TokenRealms)
                if (!IsHostOrUrl(realm))
                    failures.Add($"Facade:Upstreams:{upstream}:TokenRealms entry '{realm}' is neither host[:port] nor a URL");
            if (settings.Password is not null && settings.Username is null)
                failures.Add($"Facade:Upstreams:{upstream}: Password given without Username");
            if (settings.DockerConfig is not null && !File.Exists(settings.DockerConfig))
                failures.Add($"Facade:Upstreams:{upstream}:DockerConfig file '{settings.DockerConfig}' does not exist");
            if (settings.CaFile is not null && !File.Exists(settings.CaFile))
                failures.Add($"Facade:Upstreams:{upstream}:CaFile '{settings.CaFile}' does not exist");
            else if (settings.CaFile is not null && !HoldsCertificates(settings.CaFile))
                failures.Add($"Facade:Upstreams:{upstream}:CaFile '{settings.CaFile}' holds no PEM certificate");
        }
        // A default naming a switched-off upstream means "no default": switching the built-in
        // docker.io off must not need a second setting.
        if (options.DefaultUpstream is { Length: > 0 } d && !options.Upstreams.ContainsKey(d))
            failures.Add($"Facade:DefaultUpstream '{d}' is not a configured upstream");
        if (options.OnDemandUpstreams.DockerConfig is { } auth && !File.Exists(auth))
            failures.Add($"Facade:OnDemandUpstreams:DockerConfig file '{auth}' does not exist");
        if (string.IsNullOrWhiteSpace(options.Cache.Directory))
            failures.Add("Facade:Cache:Directory must be set");
        if (options.Cache.TagTtl < TimeSpan.Zero)
            failures.Add("Facade:Cache:TagTtl must not be negative");
        if (options.ShutdownTimeout < TimeSpan.Zero)
            failures.Add("Facade:ShutdownTimeout must not be negative");
        if (options.Timeouts.Idle <= TimeSpan.Zero || options.Timeouts.Connect <= TimeSpan.Zero)
            failures.Add("Facade:Timeouts must be positive");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Loaded here so that a bad file stops the start instead of failing the first pull.</summary>
    private static bool HoldsCertificates(string path)
    {
        try
        {
            Shared.Client.TrustedRoots.FromPemFile(path);
            return true;
        }
        catch (Exception e) when (e is InvalidDataException or System.Security.Cryptography.CryptographicException)
        {
            return false;
        }
    }

    private static bool IsHostOrUrl(string text)
    {
        try
        {
            Shared.Client.RegistryHost.Normalize(text);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
