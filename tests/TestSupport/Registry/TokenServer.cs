using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Facade.TestSupport;

/// <summary>
/// A token realm for the reference registry's token auth: <c>GET /token?service=&amp;scope=</c>
/// answers <c>{"token","access_token","expires_in"}</c> with an RS256 JWT granting the requested
/// repository actions. With users configured, requests without valid Basic credentials get 401.
/// Counts requests so tests can prove that clients cache tokens.
/// </summary>
public sealed class TokenServer : IAsyncDisposable
{
    private readonly JwtIssuer _issuer = new();
    private readonly ConcurrentQueue<string> _scopes = new();
    private readonly ConcurrentQueue<string> _issued = new();
    private LocalWebServer? _server;
    private int _requests;

    private TokenServer(TokenServerOptions options, string certificatePath)
    {
        Options = options;
        RootCertBundlePath = certificatePath;
    }

    /// <summary>The settings.</summary>
    public TokenServerOptions Options { get; }

    /// <summary>The realm URL to configure in the registry.</summary>
    public Uri Realm => new(_server!.BaseUri, "token");

    /// <summary><c>host:port</c> of the realm (what a client lists as a trusted realm host).</summary>
    public string Authority => _server!.Authority;

    /// <summary>PEM file with the signing certificate (the registry's <c>rootcertbundle</c>).</summary>
    public string RootCertBundlePath { get; }

    /// <summary>How many token requests arrived (granted or not).</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Every token handed out, in order (for tests that look for leaked tokens).</summary>
    public IReadOnlyList<string> IssuedTokens => _issued.ToArray();

    /// <summary>The scope parameters of every request, in arrival order.</summary>
    public IReadOnlyList<string> RequestedScopes => _scopes.ToArray();

    /// <summary>Starts the server; the certificate is written into <paramref name="directory"/>.</summary>
    public static async Task<TokenServer> StartAsync(TempDir directory, TokenServerOptions? options = null, System.Net.IPAddress? address = null)
    {
        var server = new TokenServer(options ?? new TokenServerOptions(), directory["token-root.pem"]);
        await File.WriteAllTextAsync(server.RootCertBundlePath, server._issuer.CertificatePem);
        server._server = await LocalWebServer.StartAsync(app => app.MapGet("/token", server.HandleAsync), address: address);
        return server;
    }

    private async Task HandleAsync(HttpContext context)
    {
        Interlocked.Increment(ref _requests);
        var scopes = context.Request.Query["scope"].Where(s => !string.IsNullOrEmpty(s)).Select(s => s!).ToArray();
        foreach (var scope in scopes) _scopes.Enqueue(scope);
        var subject = Authenticate(context.Request);
        if (subject is null)
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.Headers.WWWAuthenticate = "Basic realm=\"token\"";
            await context.Response.WriteAsJsonAsync(new { errors = new[] { new { code = "UNAUTHORIZED", message = "bad credentials" } } });
            return;
        }
        var service = context.Request.Query["service"].ToString();
        var access = scopes.SelectMany(s => s.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Select(ParseScope).Where(a => a is not null).Select(a => a!.Value);
        var token = _issuer.Issue(Options.Issuer, service.Length > 0 ? service : Options.Service, subject, access, TimeSpan.FromSeconds(Options.ExpiresInSeconds));
        _issued.Enqueue(token);
        var body = new Dictionary<string, object> { ["token"] = token, ["access_token"] = token, ["issued_at"] = DateTimeOffset.UtcNow.ToString("O") };
        if (!Options.OmitExpiresIn) body["expires_in"] = Options.ExpiresInSeconds;
        await context.Response.WriteAsJsonAsync(body);
    }

    /// <summary>The subject for valid credentials (or anonymous when no users are configured), else null.</summary>
    private string? Authenticate(HttpRequest request)
    {
        if (Options.Users.Count == 0) return "anonymous";
        if (!AuthenticationHeaderValue.TryParse(request.Headers.Authorization, out var header) || header.Scheme != "Basic" || header.Parameter is null)
            return null;
        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter));
        }
        catch (FormatException)
        {
            return null;
        }
        var colon = decoded.IndexOf(':');
        if (colon <= 0) return null;
        var user = decoded[..colon];
        return Options.Users.TryGetValue(user, out var password) && password == decoded[(colon + 1)..] ? user : null;
    }

    /// <summary><c>type:name:actions</c>; the name may contain colons (a registry host with a port).</summary>
    private static (string, string, string[])? ParseScope(string scope)
    {
        var first = scope.IndexOf(':');
        var last = scope.LastIndexOf(':');
        if (first <= 0 || last <= first) return null;
        return (scope[..first], scope[(first + 1)..last], scope[(last + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries));
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
        _issuer.Dispose();
    }
}
