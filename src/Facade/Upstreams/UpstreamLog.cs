namespace Facade.Upstreams;

/// <summary>What the upstream set-up reports once at start: where credentials go, and what is not supported.</summary>
internal sealed partial class UpstreamLog(ILogger<UpstreamLog> log)
{
    [LoggerMessage(EventId = 1501, Level = LogLevel.Warning,
        Message = "upstream {Upstream}: docker config {Path} names {Helper}; credential helpers are not supported, so those credentials are not used")]
    public partial void HelperIgnored(string upstream, string path, string helper);

    [LoggerMessage(EventId = 1502, Level = LogLevel.Information,
        Message = "upstream {Upstream}: credentials for {Host}, also given to token services [{Realms}]")]
    public partial void CredentialsConfigured(string upstream, string host, string realms);
}
