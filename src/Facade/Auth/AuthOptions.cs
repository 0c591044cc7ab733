namespace Facade.Auth;

/// <summary>Client authentication, bound from <c>Facade:Auth</c>. Off unless an htpasswd file (or <see cref="AnyCredentials"/>) is set.</summary>
public sealed class AuthOptions
{
    /// <summary>The configuration section name.</summary>
    public const string Section = "Facade:Auth";

    /// <summary>Path to an htpasswd file with bcrypt entries (<c>htpasswd -B</c>); reloaded when it changes.</summary>
    public string? Htpasswd { get; set; }

    /// <summary>Whether pulls need credentials.</summary>
    public PullPolicy Pull { get; set; } = PullPolicy.Anonymous;

    /// <summary>Allows push pass-through with authentication off; without it that combination refuses to start.</summary>
    public bool AllowAnonymousPush { get; set; }

    /// <summary>
    /// Gitpod's <c>requireAuth</c>: Basic credentials must be present but are not checked. Only
    /// used when no <see cref="Htpasswd"/> file is configured (a file always wins).
    /// </summary>
    public bool AnyCredentials { get; set; }

    /// <summary>The realm named in <c>WWW-Authenticate: Basic realm="..."</c>.</summary>
    public string Realm { get; set; } = "registry facade";

    /// <summary>Failed attempts a client address may make within <see cref="FailureWindow"/> before it gets 429.</summary>
    public int MaxFailures { get; set; } = 10;

    /// <summary>The window failed attempts are counted in; a limited address waits until it ends.</summary>
    public TimeSpan FailureWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a successful bcrypt verification is remembered (bcrypt is deliberately slow).</summary>
    public TimeSpan VerifiedTtl { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>True when requests are checked at all.</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(Htpasswd) || AnyCredentials;
}
