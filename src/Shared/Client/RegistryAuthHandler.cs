using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;

namespace Facade.Shared.Client;

/// <summary>
/// Authenticates requests to registries: anonymous, Basic, or the Bearer token flow.
/// <para>
/// Flow: the first request to a host goes out without credentials; a 401 carries a challenge,
/// which is remembered per host. For Basic the configured credential is attached; for Bearer a
/// token is fetched from the challenge's realm for the request's scope, cached per (host, scope)
/// until shortly before <c>expires_in</c> (60 s when absent), and the request is sent once more.
/// Later requests to the host attach the cached token (or fetch one) before they are sent.
/// A request whose body cannot be replayed (a large or unknown-length stream) is preceded by a
/// <c>GET /v2/</c> pre-flight when the host's challenge is not yet known, so it is sent once with
/// the right credential.
/// </para>
/// <para>
/// Credential rules: a credential is looked up by the request's own host (host and port), so a
/// request to any other host (a redirect to storage, say) never carries it, and requests marked
/// <see cref="RegistryRequestOptions.Anonymous"/> carry nothing. The registry's credential goes to
/// its token realm only when the realm has the same host and port and does not downgrade https to
/// http, or when the realm's host is listed in <see cref="RegistryCredential.TrustedRealmHosts"/>.
/// Otherwise the token is requested anonymously. A request that already has an
/// <c>Authorization</c> header is left alone.
/// </para>
/// </summary>
public sealed class RegistryAuthHandler : DelegatingHandler
{
    private static readonly HttpRequestOptionsKey<bool> AuthorizedHere = new("Facade.Registry.AuthorizedHere");
    private static readonly AuthChallenge NoChallenge = new("None", new Dictionary<string, string>());

    private readonly ICredentialStore _credentials;
    private readonly RegistryAuthOptions _options;
    private readonly TokenCache _tokens;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, AuthChallenge> _challenges = new(StringComparer.Ordinal);
    private TokenClient? _tokenClient;

    /// <summary>Creates the handler; set <see cref="DelegatingHandler.InnerHandler"/> or use it in a chain.</summary>
    public RegistryAuthHandler(ICredentialStore credentials, RegistryAuthOptions? options = null, TimeProvider? time = null)
    {
        _credentials = credentials;
        _options = options ?? new RegistryAuthOptions();
        _time = time ?? TimeProvider.System;
        _tokens = new TokenCache(_time);
    }

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // A header this handler set on an earlier attempt (the retry handler resends the same
        // message) is recomputed; one the caller set is respected.
        if (request.Has(AuthorizedHere)) request.Headers.Authorization = null;
        if (request.RequestUri is not { IsAbsoluteUri: true } uri || request.Headers.Authorization is not null)
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (request.Has(RegistryRequestOptions.Anonymous))
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);

        var host = RegistryHost.Of(uri);
        var replayable = await ReplayableContent.EnsureAsync(request, _options.MaxBufferedBody, cancellationToken).ConfigureAwait(false);
        if (!replayable && !_challenges.ContainsKey(host))
            await LearnChallengeAsync(uri, host, cancellationToken).ConfigureAwait(false);

        var scopes = RegistryScope.For(request.Method, uri);
        var sent = _challenges.TryGetValue(host, out var known)
            ? await AuthorizeAsync(request, host, known, scopes, cancellationToken).ConfigureAwait(false)
            : null;
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Unauthorized || !replayable) return response;

        var challenge = AuthChallenge.From(response);
        if (challenge is null || !CanAnswer(challenge, host, sent)) return response;
        _challenges[host] = challenge;
        if (sent is { Key: { } staleKey, Token: { } stale }) _tokens.Invalidate(staleKey, stale);
        var wanted = scopes.Union(challenge.Scopes).ToArray();
        response.Dispose();
        await AuthorizeAsync(request, host, challenge, wanted, cancellationToken).ConfigureAwait(false);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    private bool CanAnswer(AuthChallenge challenge, string host, Applied? sent) =>
        challenge.IsBearer || (challenge.IsBasic && sent?.Basic != true && _credentials.Find(host) is { IdentityToken: null });

    /// <summary>Learns a host's challenge with <c>GET /v2/</c>; any failure leaves it unknown.</summary>
    private async Task LearnChallengeAsync(Uri uri, string host, CancellationToken cancellationToken)
    {
        using var ping = new HttpRequestMessage(HttpMethod.Get, new Uri(uri, "/v2/"));
        try
        {
            using var response = await base.SendAsync(ping, cancellationToken).ConfigureAwait(false);
            _challenges[host] = response.StatusCode == HttpStatusCode.Unauthorized
                ? AuthChallenge.From(response) ?? NoChallenge
                : NoChallenge;
        }
        catch (HttpRequestException)
        {
            // The real request will report the connection problem.
        }
    }

    private async Task<Applied?> AuthorizeAsync(HttpRequestMessage request, string host, AuthChallenge challenge,
        IReadOnlyList<string> scopes, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = null;
        var credential = _credentials.Find(host);
        if (challenge.IsBasic)
        {
            if (credential is not { IdentityToken: null }) return null;
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", credential.BasicParameter());
            request.With(AuthorizedHere);
            return new Applied(true, null, null);
        }
        if (!challenge.IsBearer) return null;
        var realm = RealmOf(challenge, host);
        // The same rule as for redirects: a realm is only http(s), never a downgrade from https.
        OutboundGuard.CheckScheme(request.RequestUri!, realm, $"token realm of {host}");
        var realmCredential = MayReceive(credential, request.RequestUri!, realm) ? credential : null;
        var key = TokenCache.Key(host, scopes);
        var token = await _tokens
            .GetOrFetchAsync(key, () => TokenClientFor().FetchAsync(realm, challenge.Service, scopes, realmCredential))
            .WaitAsync(cancellationToken).ConfigureAwait(false);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Value);
        request.With(AuthorizedHere);
        return new Applied(false, key, token);
    }

    private static Uri RealmOf(AuthChallenge challenge, string host)
    {
        if (Uri.TryCreate(challenge.Realm, UriKind.Absolute, out var realm) && realm.Scheme is "http" or "https")
            return realm;
        throw new RegistryAuthException($"registry {host} sent a Bearer challenge without a valid http(s) realm");
    }

    /// <summary>The credential rule for token realms; see the class remarks.</summary>
    internal static bool MayReceive(RegistryCredential? credential, Uri registry, Uri realm)
    {
        if (credential is null) return false;
        var realmHost = RegistryHost.Of(realm);
        if (credential.TrustedRealmHosts.Contains(realmHost) || credential.TrustedRealmHosts.Contains(realm.IdnHost)) return true;
        var downgrade = registry.Scheme == Uri.UriSchemeHttps && realm.Scheme != Uri.UriSchemeHttps;
        return realmHost == RegistryHost.Of(registry) && !downgrade;
    }

    private TokenClient TokenClientFor() =>
        _tokenClient ??= new TokenClient(new HttpMessageInvoker(InnerHandler!, false), _time, _options.TokenTimeout);

    private sealed record Applied(bool Basic, string? Key, BearerToken? Token);
}
