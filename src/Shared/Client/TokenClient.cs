using System.Net.Http.Headers;
using System.Text.Json;

namespace Facade.Shared.Client;

/// <summary>
/// Fetches a bearer token from a token realm: GET with <c>service</c> and <c>scope</c> query
/// parameters (Basic credentials when given), or the OAuth2 refresh-token POST for an identity
/// token. The response body is capped at 64 KiB.
/// </summary>
internal sealed class TokenClient(HttpMessageInvoker invoker, TimeProvider time, TimeSpan timeout)
{
    /// <summary>Lifetime assumed when the realm does not say (<c>expires_in</c> absent).</summary>
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromSeconds(60);

    private const string ClientId = "facade";

    public async Task<BearerToken> FetchAsync(Uri realm, string? service, IReadOnlyList<string> scopes, RegistryCredential? credential)
    {
        using var timeoutSource = new CancellationTokenSource(timeout);
        using var request = credential?.IdentityToken is { } refresh
            ? RefreshRequest(realm, service, scopes, refresh)
            : GetRequest(realm, service, scopes, credential);
        var realmHost = RegistryHost.Of(realm);
        HttpResponseMessage response;
        try
        {
            response = await invoker.SendAsync(request, timeoutSource.Token).ConfigureAwait(false);
        }
        catch (HttpRequestException e) when (e.InnerException is OutboundRefusedException refused)
        {
            throw new OutboundRefusedException($"token realm {realmHost}: {refused.Message}");
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
        {
            throw new RegistryAuthException($"token realm {realmHost} is unreachable: {e.GetType().Name}", null, e);
        }
        using (response)
        {
            var body = await BoundedBody.ReadSmallOrEmptyAsync(response.Content, timeoutSource.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                var reason = RegistryException.ParseEnvelope(body).Message;
                throw new RegistryAuthException($"token realm {realmHost} answered {(int)response.StatusCode}" + (reason is null ? "" : $": {reason}"),
                    (int)response.StatusCode, reason: reason);
            }
            return Parse(body, realmHost);
        }
    }

    private static HttpRequestMessage GetRequest(Uri realm, string? service, IReadOnlyList<string> scopes, RegistryCredential? credential)
    {
        var query = new List<string>();
        if (service is not null) query.Add("service=" + Uri.EscapeDataString(service));
        query.AddRange(scopes.Select(s => "scope=" + Uri.EscapeDataString(s)));
        if (credential is not null) query.Add("account=" + Uri.EscapeDataString(credential.Username));
        var builder = new UriBuilder(realm);
        var existing = builder.Query.TrimStart('?');
        builder.Query = string.Join('&', new[] { existing }.Where(q => q.Length > 0).Concat(query));
        var request = new HttpRequestMessage(HttpMethod.Get, builder.Uri);
        if (credential is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", credential.BasicParameter());
        return request;
    }

    private static HttpRequestMessage RefreshRequest(Uri realm, string? service, IReadOnlyList<string> scopes, string refreshToken)
    {
        var form = new List<KeyValuePair<string, string>>
        {
            new("grant_type", "refresh_token"),
            new("refresh_token", refreshToken),
            new("client_id", ClientId),
            new("service", service ?? ""),
            new("scope", string.Join(' ', scopes)),
        };
        return new HttpRequestMessage(HttpMethod.Post, realm) { Content = new FormUrlEncodedContent(form) };
    }

    private BearerToken Parse(byte[] body, string realmHost)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            var value = StringOf(root, "token") ?? StringOf(root, "access_token");
            if (string.IsNullOrEmpty(value))
                throw new RegistryAuthException($"token realm {realmHost} answered without a token");
            var lifetime = root.TryGetProperty("expires_in", out var expires) && expires.ValueKind == JsonValueKind.Number
                && expires.TryGetInt64(out var seconds) && seconds > 0
                ? TimeSpan.FromSeconds(Math.Min(seconds, 86_400))
                : DefaultLifetime;
            // Stop using a token a little early so it does not expire in flight.
            var margin = TimeSpan.FromTicks(Math.Min(lifetime.Ticks / 10, TimeSpan.FromSeconds(10).Ticks));
            return new BearerToken(value, time.GetUtcNow() + lifetime - margin);
        }
        catch (JsonException)
        {
            throw new RegistryAuthException($"token realm {realmHost} answered with a body that is not JSON");
        }
    }

    private static string? StringOf(JsonElement root, string name) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String
            ? v.GetString()
            : null;
}
