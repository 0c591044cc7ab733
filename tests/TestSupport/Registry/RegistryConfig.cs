using System.Text;

namespace Facade.TestSupport;

/// <summary>Writes the YAML configuration of the reference registry for a test instance.</summary>
internal static class RegistryConfig
{
    public static string Render(DistributionRegistryOptions options, string dataDirectory, int port, string? htpasswdPath,
        (string Certificate, string Key)? tls = null)
    {
        var yaml = new StringBuilder();
        yaml.AppendLine("version: 0.1");
        yaml.AppendLine("log:");
        yaml.AppendLine($"  level: {(options.Quiet ? "error" : "info")}");
        yaml.AppendLine("  formatter: text");
        yaml.AppendLine("  accesslog:");
        yaml.AppendLine($"    disabled: {(options.Quiet ? "true" : "false")}");
        yaml.AppendLine("storage:");
        yaml.AppendLine("  filesystem:");
        yaml.AppendLine($"    rootdirectory: {Quote(dataDirectory)}");
        yaml.AppendLine("  delete:");
        yaml.AppendLine($"    enabled: {(options.DeleteEnabled ? "true" : "false")}");
        yaml.AppendLine("  maintenance:");
        yaml.AppendLine("    uploadpurging:");
        yaml.AppendLine("      enabled: false");
        yaml.AppendLine("http:");
        yaml.AppendLine($"  addr: {options.Host}:{port}");
        yaml.AppendLine($"  secret: {Guid.NewGuid():N}");
        if (tls is { } files)
        {
            yaml.AppendLine("  tls:");
            yaml.AppendLine($"    certificate: {Quote(files.Certificate)}");
            yaml.AppendLine($"    key: {Quote(files.Key)}");
        }
        if (htpasswdPath is not null)
        {
            yaml.AppendLine("auth:");
            yaml.AppendLine("  htpasswd:");
            yaml.AppendLine("    realm: facade-test");
            yaml.AppendLine($"    path: {Quote(htpasswdPath)}");
        }
        else if (options.Token is { } token)
        {
            yaml.AppendLine("auth:");
            yaml.AppendLine("  token:");
            yaml.AppendLine($"    realm: {Quote(token.Realm.ToString())}");
            yaml.AppendLine($"    service: {Quote(token.Options.Service)}");
            yaml.AppendLine($"    issuer: {Quote(token.Options.Issuer)}");
            yaml.AppendLine($"    rootcertbundle: {Quote(token.RootCertBundlePath)}");
        }
        if (options.ProxyRemote is { } remote)
        {
            yaml.AppendLine("proxy:");
            yaml.AppendLine($"  remoteurl: {Quote(remote.GetLeftPart(UriPartial.Authority))}");
            if (options.ProxyCredentials is { } credentials)
            {
                yaml.AppendLine($"  username: {Quote(credentials.Username)}");
                yaml.AppendLine($"  password: {Quote(credentials.Password)}");
            }
        }
        return yaml.ToString();
    }

    /// <summary>A YAML double-quoted scalar.</summary>
    private static string Quote(string value) => "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
}
