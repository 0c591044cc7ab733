namespace Facade.Shared.Client;

/// <summary>
/// Credentials for one registry host: a user name and password, or an identity token (an OAuth2
/// refresh token exchanged at the token realm). <see cref="ToString"/> never shows the secret.
/// </summary>
public sealed record RegistryCredential
{
    /// <summary>Creates a user name and password credential.</summary>
    public RegistryCredential(string username, string password)
    {
        Username = username;
        Password = password;
    }

    private RegistryCredential(string identityToken, bool _)
    {
        Username = "<token>";
        Password = "";
        IdentityToken = identityToken;
    }

    /// <summary>Creates a credential that holds an identity (refresh) token.</summary>
    public static RegistryCredential FromIdentityToken(string identityToken) => new(identityToken, true);

    /// <summary>The user name (<c>&lt;token&gt;</c> for an identity token).</summary>
    public string Username { get; }

    /// <summary>The password; empty for an identity token.</summary>
    public string Password { get; }

    /// <summary>An identity (refresh) token, when that is what the credential holds.</summary>
    public string? IdentityToken { get; }

    /// <summary>
    /// Hosts (<c>host</c> or <c>host:port</c>) of token realms that may receive this credential
    /// although they differ from the registry host. Empty by default: see <see cref="RegistryAuthHandler"/>.
    /// </summary>
    public IReadOnlySet<string> TrustedRealmHosts { get; init; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>The value of a Basic <c>Authorization</c> header for this credential.</summary>
    internal string BasicParameter() =>
        Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(Username + ":" + Password));

    /// <summary>Shows the user name only: the secret must never reach a log or a message.</summary>
    public override string ToString() => $"RegistryCredential({Username}, ***)";

    /// <inheritdoc />
    public bool Equals(RegistryCredential? other) =>
        other is not null && Username == other.Username && Password == other.Password && IdentityToken == other.IdentityToken;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Username, Password, IdentityToken);
}
