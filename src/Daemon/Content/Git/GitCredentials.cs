using Daemon.Content.Initializers;
using Daemon.Protos.ContentService;

namespace Daemon.Content.Git;

/// <summary>User and password for HTTP basic authentication of one clone; never logged.</summary>
internal sealed record GitCredentials(string User, string Password)
{
    /// <summary>Hides the password from accidental logging of the record.</summary>
    public override string ToString() => $"GitCredentials {{ User = {User}, Password = *** }}";

    /// <summary>The credentials a Git config asks for, fetching a one-time secret when needed; null for NO_AUTH.</summary>
    public static async Task<GitCredentials?> ResolveAsync(GitConfig? config, IHttpClientFactory http, CancellationToken cancellationToken)
    {
        switch (config?.Authentication ?? GitAuthMethod.NoAuth)
        {
            case GitAuthMethod.BasicAuth:
                return new GitCredentials(config!.AuthUser, config.AuthPassword);
            case GitAuthMethod.BasicAuthOts:
                var secret = await FetchOneTimeSecretAsync(http.CreateClient(FileDownloader.HttpClientName), config!.AuthOts, cancellationToken);
                var colon = secret.IndexOf(':');
                if (colon <= 0) throw ContentException.Precondition("the one-time secret is not '<user>:<password>'");
                return new GitCredentials(secret[..colon], secret[(colon + 1)..].TrimEnd('\r', '\n'));
            default:
                return null;
        }
    }

    private static async Task<string> FetchOneTimeSecretAsync(HttpClient client, string url, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await client.GetAsync(url, cancellationToken);
            if (!response.IsSuccessStatusCode)
                throw ContentException.Precondition($"the one-time secret could not be fetched: HTTP {(int)response.StatusCode}");
            return await response.Content.ReadAsStringAsync(cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw ContentException.Precondition($"the one-time secret could not be fetched: {e.Message}");
        }
    }
}
