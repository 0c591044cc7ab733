namespace Facade.Shared.Client;

/// <summary>Looks up the credential configured for a registry host.</summary>
public interface ICredentialStore
{
    /// <summary>
    /// The credential for a normalised host (see <see cref="RegistryHost.Normalize"/>), or null
    /// when the host is to be accessed anonymously.
    /// </summary>
    RegistryCredential? Find(string host);
}
