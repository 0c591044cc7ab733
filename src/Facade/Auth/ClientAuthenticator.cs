using System.Net;
using System.Text;
using Microsoft.Extensions.Options;

namespace Facade.Auth;

/// <summary>
/// Checks a request's <c>Authorization: Basic</c> header against the htpasswd users (bcrypt),
/// with recent successes remembered and failures rate limited per client address. Never logs
/// or keeps a password.
/// </summary>
internal sealed class ClientAuthenticator
{
    private readonly AuthOptions _options;
    private readonly HtpasswdUsers? _users;
    private readonly VerifiedCredentials _verified;
    private readonly FailedAttempts _failures;
    private readonly ILogger<ClientAuthenticator> _logger;

    public ClientAuthenticator(IOptions<AuthOptions> options, TimeProvider clock, ILoggerFactory loggers)
    {
        _options = options.Value;
        _logger = loggers.CreateLogger<ClientAuthenticator>();
        if (!string.IsNullOrWhiteSpace(_options.Htpasswd))
            _users = new HtpasswdUsers(_options.Htpasswd, clock, loggers.CreateLogger<HtpasswdUsers>());
        _verified = new VerifiedCredentials(clock, _options.VerifiedTtl);
        _failures = new FailedAttempts(clock, _options.MaxFailures, _options.FailureWindow);
    }

    /// <summary>Checks the credentials of <paramref name="request"/> coming from <paramref name="address"/>.</summary>
    public AuthResult Authenticate(HttpRequest request, IPAddress address)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.Length == 0) return new AuthResult(AuthStatus.Anonymous);
        if (_failures.RetryAfter(address) is { } wait)
        {
            AuthLog.Limited(_logger, address);
            return new AuthResult(AuthStatus.Limited, RetryAfter: wait);
        }
        if (!TryParseBasic(header, out var user, out var password)) return Fail(address);
        if (_users is null)
        {
            // Gitpod's requireAuth: a well-formed Basic header is all that is asked for.
            return new AuthResult(AuthStatus.Authenticated, user);
        }
        if (user.Length == 0 && password.Length == 0) return new AuthResult(AuthStatus.Anonymous);

        var users = _users.Current;
        var generation = _users.Generation;
        var key = _verified.KeyOf(header);
        if (_verified.Find(key, generation) is { } known) return new AuthResult(AuthStatus.Authenticated, known);
        if (!Verify(users, user, password)) return Fail(address);
        _verified.Add(key, user, generation);
        return new AuthResult(AuthStatus.Authenticated, user);
    }

    private AuthResult Fail(IPAddress address)
    {
        _failures.Record(address);
        AuthLog.Failed(_logger, address);
        return new AuthResult(AuthStatus.Invalid);
    }

    private static bool Verify(HtpasswdFile users, string user, string password)
    {
        var hash = users.HashOf(user);
        try
        {
            var matches = BCrypt.Net.BCrypt.Verify(password, hash ?? users.DecoyHash);
            return matches && hash is not null;
        }
        catch (BCrypt.Net.SaltParseException)
        {
            return false;
        }
    }

    private static bool TryParseBasic(string header, out string user, out string password)
    {
        user = password = "";
        const string scheme = "Basic ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)) return false;
        Span<byte> decoded = stackalloc byte[1024];
        var encoded = header.AsSpan(scheme.Length).Trim();
        if (encoded.Length > 1360 || !Convert.TryFromBase64Chars(encoded, decoded, out var length)) return false;
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(decoded[..length]);
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0) return false;
        user = text[..colon];
        password = text[(colon + 1)..];
        return true;
    }
}
