using System.Text;
using System.Text.Json;

namespace Facade.Shared.Client;

/// <summary>
/// Reads the <c>auths</c> section of a Docker <c>config.json</c>: per host, either <c>auth</c>
/// (base64 of <c>user:password</c>), or <c>username</c> and <c>password</c>, or
/// <c>identitytoken</c>. Credential helpers (<c>credsStore</c>, <c>credHelpers</c>) are not run:
/// executing programs named in a file is not something a server should do implicitly.
/// </summary>
public static class DockerConfigCredentials
{
    /// <summary>Largest config file accepted; a larger one is surely not a credentials file.</summary>
    private const int MaxFileBytes = 1 << 20;

    /// <summary>Loads a <c>config.json</c> file into a new store.</summary>
    public static CredentialStore Load(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists) throw new FileNotFoundException($"docker config '{path}' does not exist", path);
        if (info.Length > MaxFileBytes) throw new InvalidDataException($"docker config '{path}' is larger than {MaxFileBytes} bytes");
        return Parse(File.ReadAllBytes(path));
    }

    /// <summary>
    /// Parses the JSON of a <c>config.json</c>. Throws <see cref="InvalidDataException"/> with a
    /// message that names the host but never the secret when an entry is malformed.
    /// </summary>
    public static CredentialStore Parse(ReadOnlySpan<byte> json)
    {
        var store = new CredentialStore();
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json.ToArray());
        }
        catch (JsonException)
        {
            // The parser's message may quote the text around the error, which may be a secret.
            throw new InvalidDataException("docker config is not valid JSON");
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw new InvalidDataException("docker config is not a JSON object");
            store.IgnoredHelpers = HelpersOf(document.RootElement);
            if (!document.RootElement.TryGetProperty("auths", out var auths)) return store;
            if (auths.ValueKind != JsonValueKind.Object)
                throw new InvalidDataException("docker config 'auths' is not an object");
            foreach (var entry in auths.EnumerateObject())
            {
                var credential = ReadEntry(entry);
                if (credential is not null) store.Add(HostOf(entry.Name), credential);
            }
        }
        return store;
    }

    /// <summary>The helpers named by <c>credsStore</c> and <c>credHelpers</c>, described for a warning.</summary>
    private static string[] HelpersOf(JsonElement root)
    {
        var helpers = new List<string>();
        if (root.TryGetProperty("credsStore", out var store) && store.ValueKind == JsonValueKind.String && store.GetString() is { Length: > 0 } name)
            helpers.Add($"credsStore '{name}'");
        if (root.TryGetProperty("credHelpers", out var perHost) && perHost.ValueKind == JsonValueKind.Object)
            helpers.AddRange(perHost.EnumerateObject().Select(h => $"credHelpers '{h.Value}' for {h.Name}"));
        return helpers.ToArray();
    }

    private static string HostOf(string key)
    {
        try
        {
            return RegistryHost.Normalize(key);
        }
        catch (FormatException)
        {
            throw new InvalidDataException($"docker config has an invalid registry key '{key}'");
        }
    }

    private static RegistryCredential? ReadEntry(JsonProperty entry)
    {
        if (entry.Value.ValueKind != JsonValueKind.Object)
            throw new InvalidDataException($"docker config entry for '{entry.Name}' is not an object");
        var identityToken = StringOf(entry, "identitytoken");
        if (!string.IsNullOrEmpty(identityToken)) return RegistryCredential.FromIdentityToken(identityToken);
        var auth = StringOf(entry, "auth");
        if (!string.IsNullOrEmpty(auth)) return DecodeAuth(entry.Name, auth);
        var username = StringOf(entry, "username");
        var password = StringOf(entry, "password");
        if (!string.IsNullOrEmpty(username) && password is not null) return new RegistryCredential(username, password);
        return null;
    }

    private static RegistryCredential DecodeAuth(string host, string auth)
    {
        string decoded;
        try
        {
            decoded = new UTF8Encoding(false, true).GetString(Convert.FromBase64String(auth));
        }
        catch (Exception e) when (e is FormatException or DecoderFallbackException)
        {
            throw new InvalidDataException($"docker config entry for '{host}' has an 'auth' that is not base64 of user:password");
        }
        var colon = decoded.IndexOf(':');
        if (colon <= 0)
            throw new InvalidDataException($"docker config entry for '{host}' has an 'auth' without 'user:password'");
        return new RegistryCredential(decoded[..colon], decoded[(colon + 1)..]);
    }

    private static string? StringOf(JsonProperty entry, string name)
    {
        if (!entry.Value.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind != JsonValueKind.String)
            throw new InvalidDataException($"docker config entry for '{entry.Name}' has a non-string '{name}'");
        return value.GetString();
    }
}
