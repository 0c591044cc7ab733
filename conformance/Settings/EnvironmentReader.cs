using System.Text.RegularExpressions;

namespace Conformance.Settings;

/// <summary>Typed, validated access to environment variables; every error names the variable.</summary>
internal sealed partial class EnvironmentReader(Func<string, string?> env)
{
    public string? Optional(string name)
    {
        var value = env(name);
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    public bool Flag(string name)
    {
        var value = Optional(name)?.ToLowerInvariant();
        return value switch
        {
            null or "0" or "false" or "no" or "off" => false,
            "1" or "true" or "yes" or "on" => true,
            _ => throw new SettingsException($"{name}: expected 1/0, true/false, yes/no or on/off, got '{value}'"),
        };
    }

    public Uri RequiredUrl(string name)
    {
        var value = Optional(name) ?? throw new SettingsException($"{name} is required (e.g. http://127.0.0.1:5000)");
        if (!Uri.TryCreate(value.TrimEnd('/'), UriKind.Absolute, out var uri) || (uri.Scheme != "http" && uri.Scheme != "https"))
        {
            throw new SettingsException($"{name}: '{value}' is not an absolute http(s) URL");
        }

        return uri;
    }

    public string RequiredRepository(string name) =>
        OptionalRepository(name) ?? throw new SettingsException($"{name} is required (e.g. myorg/conformance)");

    public string? OptionalRepository(string name)
    {
        var value = Optional(name);
        if (value is not null && (value.Length > 255 || !RepositoryName().IsMatch(value)))
        {
            throw new SettingsException($"{name}: '{value}' is not a valid repository name");
        }

        return value;
    }

    public PreexistingContent? Preexisting()
    {
        var tag = Optional("OCI_TAG_NAME");
        var manifest = Optional("OCI_MANIFEST_DIGEST");
        var blob = Optional("OCI_BLOB_DIGEST");
        if (tag is null && manifest is null && blob is null)
        {
            return null;
        }

        if (tag is null || manifest is null || blob is null)
        {
            throw new SettingsException("OCI_TAG_NAME, OCI_MANIFEST_DIGEST and OCI_BLOB_DIGEST must be set together");
        }

        if (!DigestShape().IsMatch(manifest) || !DigestShape().IsMatch(blob))
        {
            throw new SettingsException("OCI_MANIFEST_DIGEST and OCI_BLOB_DIGEST must look like sha256:<64 hex>");
        }

        return new PreexistingContent(tag, manifest, blob);
    }

    // The distribution name grammar: lowercase components joined by '/'.
    [GeneratedRegex("^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$")]
    private static partial Regex RepositoryName();

    [GeneratedRegex("^sha256:[a-f0-9]{64}$|^sha512:[a-f0-9]{128}$")]
    private static partial Regex DigestShape();
}
