namespace Facade.Auth;

/// <summary>The outcome of checking a request: status, the user when authenticated, the wait when limited.</summary>
internal readonly record struct AuthResult(AuthStatus Status, string? User = null, TimeSpan RetryAfter = default);
