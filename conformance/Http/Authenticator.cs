using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Conformance.Http;

/// <summary>
/// Adds credentials to requests for the registry host: Basic when a user name is configured, and a
/// Bearer token per repository once a 401 challenge named a token realm. Credentials never go to
/// another host (e.g. a storage redirect or an absolute Location elsewhere).
/// </summary>
internal sealed partial class Authenticator(HttpClient tokenClient, Uri registry, string? username, string? password)
{
    private const int MaxTokenBody = 1 << 20;
    private readonly Dictionary<string, string> _tokensByRepository = new(StringComparer.Ordinal);

    /// <summary>Sets the Authorization header for <paramref name="url"/> if it belongs to the registry.</summary>
    public void Apply(HttpRequestMessage request, Uri url)
    {
        if (!SameHost(url))
        {
            return;
        }

        if (_tokensByRepository.TryGetValue(RepositoryOf(url), out var token))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        else if (BasicCredentials() is { } basic)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", basic);
        }
    }

    /// <summary>
    /// Handles a 401: when it carries a Bearer challenge, fetches a token for its scope and returns
    /// true so the caller resends once. Returns false when there is nothing new to try.
    /// </summary>
    public async Task<bool> TryHandleChallengeAsync(HttpResponseMessage response, Uri url, CancellationToken ct)
    {
        if (!SameHost(url) || AuthChallenge.FromResponse(response) is not { } challenge)
        {
            return false;
        }

        var query = new List<string>();
        if (challenge.Service is not null)
        {
            query.Add("service=" + Uri.EscapeDataString(challenge.Service));
        }

        if (challenge.Scope is not null)
        {
            query.Add("scope=" + Uri.EscapeDataString(challenge.Scope));
        }

        var builder = new UriBuilder(challenge.Realm) { Query = string.Join('&', query) };
        using var tokenRequest = new HttpRequestMessage(HttpMethod.Get, builder.Uri);
        if (BasicCredentials() is { } basic)
        {
            tokenRequest.Headers.Authorization = new AuthenticationHeaderValue("Basic", basic);
        }

        using var tokenResponse = await tokenClient.SendAsync(tokenRequest, ct);
        var body = await ReadCappedAsync(tokenResponse, ct);
        if (!tokenResponse.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"token endpoint {challenge.Realm.GetLeftPart(UriPartial.Path)} answered {(int)tokenResponse.StatusCode}");
        }

        _tokensByRepository[RepositoryOf(url)] = ParseToken(body);
        return true;
    }

    private static string ParseToken(byte[] body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            foreach (var field in new[] { "token", "access_token" })
            {
                if (doc.RootElement.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } token)
                {
                    return token;
                }
            }
        }
        catch (JsonException)
        {
            // Reported below with the same message as a missing field.
        }

        throw new HttpRequestException("token endpoint returned no token or access_token");
    }

    private static async Task<byte[]> ReadCappedAsync(HttpResponseMessage response, CancellationToken ct)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await stream.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxTokenBody)
            {
                throw new HttpRequestException("token response larger than 1 MiB");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private string? BasicCredentials() =>
        username is null ? null : Convert.ToBase64String(Encoding.UTF8.GetBytes($"{username}:{password}"));

    private bool SameHost(Uri url) =>
        Uri.Compare(url, registry, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;

    // Tokens are scoped to a repository; "" collects requests that name none (/v2/).
    private static string RepositoryOf(Uri url)
    {
        var match = RepositoryPath().Match(url.AbsolutePath);
        return match.Success ? match.Groups[1].Value : "";
    }

    [GeneratedRegex("^/v2/(.+?)/(?:manifests|blobs|tags|referrers)/")]
    private static partial Regex RepositoryPath();
}
