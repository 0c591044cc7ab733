using System.Globalization;
using System.Text.Json;

namespace Facade.Gitpod;

/// <summary>
/// Reads Gitpod's registry-facade service configuration (the JSON its installer writes) and says
/// which facade settings it stands for. Keys this facade has no use for are listed, not fatal;
/// a configuration Gitpod itself refuses (IPFS without Redis) is refused here too.
/// </summary>
internal static class GitpodConfigTranslator
{
    private static readonly string[] TlsKeys = ["ca", "crt", "key"];

    /// <summary>Translates the document; <paramref name="environment"/> supplies <c>REDIS_PASSWORD</c>.</summary>
    public static GitpodTranslation Translate(JsonElement root, Func<string, string?> environment)
    {
        if (root.ValueKind != JsonValueKind.Object) throw new GitpodConfigException("the Gitpod config is not a JSON object");
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var unknown = new List<string>();
        foreach (var property in root.EnumerateObject())
        {
            switch (property.Name)
            {
                case "registry": Registry(property.Value, settings, unknown, environment); break;
                case "dockerAuth": DockerAuth(Text(property.Value, "dockerAuth"), settings); break;
                case "prometheusAddr": Listener("prometheusAddr", Text(property.Value, "prometheusAddr"), "GitpodMetrics", "MetricsPort", settings); break;
                case "readinessProbeAddr": Listener("readinessProbeAddr", Text(property.Value, "readinessProbeAddr"), "GitpodReadiness", "ReadinessPort", settings); break;
                default: unknown.Add(property.Name); break;
            }
        }
        for (var i = 0; i < unknown.Count; i++) settings[$"Facade:Gitpod:UnknownKeys:{i}"] = unknown[i];
        return new GitpodTranslation(settings, unknown);
    }

    private static void Registry(JsonElement registry, Dictionary<string, string?> settings, List<string> unknown, Func<string, string?> environment)
    {
        Expect(registry, JsonValueKind.Object, "registry");
        // Gitpod's resolver reaches any registry a spec names, with dockerAuth's credentials.
        settings["Facade:OnDemandUpstreams:Enabled"] = "true";
        JsonElement? tls = null;
        int? port = null;
        foreach (var property in registry.EnumerateObject())
        {
            var key = "registry." + property.Name;
            var value = property.Value;
            switch (property.Name)
            {
                case "port": port = value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var p) && p is > 0 and < 65536 ? p : throw Invalid(key, "a port number"); break;
                case "prefix": settings["Facade:Gitpod:Prefix"] = Text(value, key); break;
                case "staticLayer": StaticLayers(value, settings, unknown); break;
                case "remoteSpecProvider": SpecProviders(value, settings, unknown); break;
                case "fixedSpecFN": settings["Facade:Composition:FixedSpecFile"] = Text(value, key); break;
                case "store": settings["Facade:Cache:Directory"] = Text(value, key); break;
                case "requireAuth":
                    if (Flag(value, key))
                    {
                        settings["Facade:Auth:Pull"] = "Authenticated";
                        settings["Facade:Auth:AnyCredentials"] = "true";
                    }
                    break;
                case "tls": tls = value.ValueKind == JsonValueKind.Null ? null : value; break;
                case "ipfs": break; // after redis is known, below
                case "redis": Redis(value, settings, unknown, environment); break;
                default: unknown.Add(key); break;
            }
        }
        if (registry.TryGetProperty("ipfs", out var ipfs)) Ipfs(ipfs, settings, unknown);
        if (port is { } listen) RegistryListener(listen, tls, settings, unknown);
    }

    private static void RegistryListener(int port, JsonElement? tls, Dictionary<string, string?> settings, List<string> unknown)
    {
        (string? Ca, string? Crt, string? Key)? files = tls is { } t ? TlsFiles(t, "registry.tls", unknown) : null;
        var secure = files is { } f && !string.IsNullOrEmpty(f.Crt) && !string.IsNullOrEmpty(f.Key);
        // Gitpod listens on every interface (":port"); HTTPS when a certificate and key are given.
        settings["Kestrel:Endpoints:Gitpod:Url"] = $"{(secure ? "https" : "http")}://*:{port.ToString(CultureInfo.InvariantCulture)}";
        if (!secure) return;
        settings["Kestrel:Endpoints:Gitpod:Certificate:Path"] = files!.Value.Crt;
        settings["Kestrel:Endpoints:Gitpod:Certificate:KeyPath"] = files.Value.Key;
    }

    private static void StaticLayers(JsonElement layers, Dictionary<string, string?> settings, List<string> unknown)
    {
        if (layers.ValueKind == JsonValueKind.Null) return;
        Expect(layers, JsonValueKind.Array, "registry.staticLayer");
        var i = 0;
        foreach (var layer in layers.EnumerateArray())
        {
            var key = $"registry.staticLayer[{i}]";
            Expect(layer, JsonValueKind.Object, key);
            foreach (var property in layer.EnumerateObject())
            {
                switch (property.Name)
                {
                    case "ref": settings[$"Facade:Composition:StaticLayers:{i}:Ref"] = Text(property.Value, key + ".ref"); break;
                    case "type": settings[$"Facade:Composition:StaticLayers:{i}:Type"] = Text(property.Value, key + ".type"); break;
                    default: unknown.Add($"{key}.{property.Name}"); break;
                }
            }
            i++;
        }
    }

    private static void SpecProviders(JsonElement value, Dictionary<string, string?> settings, List<string> unknown)
    {
        // Older Gitpod versions write one provider object, newer ones a list.
        var providers = value.ValueKind switch
        {
            JsonValueKind.Null => [],
            JsonValueKind.Object => [value],
            JsonValueKind.Array => value.EnumerateArray().ToList(),
            _ => throw Invalid("registry.remoteSpecProvider", "an object or a list of objects"),
        };
        for (var i = 0; i < providers.Count; i++)
        {
            var key = $"registry.remoteSpecProvider[{i}]";
            Expect(providers[i], JsonValueKind.Object, key);
            string? address = null;
            (string? Ca, string? Crt, string? Key)? files = null;
            foreach (var property in providers[i].EnumerateObject())
            {
                switch (property.Name)
                {
                    case "addr": address = Text(property.Value, key + ".addr"); break;
                    case "tls": files = property.Value.ValueKind == JsonValueKind.Null ? null : TlsFiles(property.Value, key + ".tls", unknown); break;
                    default: unknown.Add($"{key}.{property.Name}"); break;
                }
            }
            if (string.IsNullOrEmpty(address)) throw Invalid(key + ".addr", "an address");
            var prefix = $"Facade:Composition:SpecProviders:{i}:";
            settings[prefix + "Address"] = GitpodAddress.GrpcUrl(address, files is not null);
            if (files is not { } tls) continue;
            settings[prefix + "CaFile"] = tls.Ca;
            settings[prefix + "ClientCertificateFile"] = tls.Crt;
            settings[prefix + "ClientKeyFile"] = tls.Key;
        }
    }

    private static void Redis(JsonElement redis, Dictionary<string, string?> settings, List<string> unknown, Func<string, string?> environment)
    {
        if (redis.ValueKind == JsonValueKind.Null) return;
        Expect(redis, JsonValueKind.Object, "registry.redis");
        if (!redis.TryGetProperty("enabled", out var enabled) || !Flag(enabled, "registry.redis.enabled")) return;
        string? host = null, user = null;
        bool useTls = false, skipVerify = false;
        foreach (var property in redis.EnumerateObject())
        {
            var key = "registry.redis." + property.Name;
            switch (property.Name)
            {
                case "enabled": break;
                case "singleHostAddr": host = Text(property.Value, key); break;
                case "username": user = Text(property.Value, key); break;
                case "useTLS": useTls = Flag(property.Value, key); break;
                case "insecureSkipVerify": skipVerify = Flag(property.Value, key); break;
                default: unknown.Add(key); break;
            }
        }
        if (string.IsNullOrEmpty(host)) throw Invalid("registry.redis.singleHostAddr", "host:port (only a single Redis host is supported here)");
        GitpodAddress.Port(host, "registry.redis.singleHostAddr");
        if (host.Contains(',', StringComparison.Ordinal) || user?.Contains(',', StringComparison.Ordinal) == true)
            throw Invalid("registry.redis", "free of commas in singleHostAddr and username");
        settings["Facade:Redis:Configuration"] = host + (useTls ? ",ssl=true" : "") + (string.IsNullOrEmpty(user) ? "" : ",user=" + user);
        // As Gitpod: the password comes from the environment, never from the file.
        if (environment("REDIS_PASSWORD") is { Length: > 0 } password) settings["Facade:Redis:Password"] = password;
        if (skipVerify) settings["Facade:Redis:InsecureSkipVerify"] = "true";
    }

    private static void Ipfs(JsonElement ipfs, Dictionary<string, string?> settings, List<string> unknown)
    {
        if (ipfs.ValueKind == JsonValueKind.Null) return;
        Expect(ipfs, JsonValueKind.Object, "registry.ipfs");
        var enabled = false;
        string? address = null;
        foreach (var property in ipfs.EnumerateObject())
        {
            var key = "registry.ipfs." + property.Name;
            switch (property.Name)
            {
                case "enabled": enabled = Flag(property.Value, key); break;
                case "ipfsAddr": address = Text(property.Value, key); break;
                default: unknown.Add(key); break;
            }
        }
        if (!enabled) return;
        if (!settings.ContainsKey("Facade:Redis:Configuration"))
            throw new GitpodConfigException("registry.ipfs is enabled but registry.redis is not: the IPFS cache requires Redis");
        if (string.IsNullOrEmpty(address)) throw Invalid("registry.ipfs.ipfsAddr", "the IPFS node's API multiaddr");
        // Gitpod serves layers it knows a CID for from IPFS and adds the layers it serves.
        settings["Facade:Ipfs:Api"] = address;
        settings["Facade:Ipfs:Serve"] = "true";
        settings["Facade:Ipfs:Publish"] = "true";
    }

    private static void DockerAuth(string path, Dictionary<string, string?> settings)
    {
        if (path.Length == 0) return;
        settings["Facade:OnDemandUpstreams:DockerConfig"] = path;
    }

    private static void Listener(string key, string address, string endpoint, string portKey, Dictionary<string, string?> settings)
    {
        if (address.Length == 0) return;
        settings[$"Kestrel:Endpoints:{endpoint}:Url"] = GitpodAddress.Url("http", address, key);
        settings[$"Facade:Gitpod:{portKey}"] = GitpodAddress.Port(address, key).ToString(CultureInfo.InvariantCulture);
    }

    private static (string? Ca, string? Crt, string? Key) TlsFiles(JsonElement tls, string key, List<string> unknown)
    {
        Expect(tls, JsonValueKind.Object, key);
        var values = new string?[3];
        foreach (var property in tls.EnumerateObject())
        {
            var index = Array.IndexOf(TlsKeys, property.Name);
            if (index < 0) unknown.Add($"{key}.{property.Name}");
            else values[index] = NullIfEmpty(Text(property.Value, $"{key}.{property.Name}"));
        }
        return (values[0], values[1], values[2]);
    }

    private static string? NullIfEmpty(string text) => text.Length == 0 ? null : text;

    private static string Text(JsonElement value, string key) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Null => "",
        _ => throw Invalid(key, "a string"),
    };

    private static bool Flag(JsonElement value, string key) => value.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False or JsonValueKind.Null => false,
        _ => throw Invalid(key, "true or false"),
    };

    private static void Expect(JsonElement value, JsonValueKind kind, string key)
    {
        if (value.ValueKind != kind) throw Invalid(key, kind == JsonValueKind.Object ? "an object" : "a list");
    }

    private static GitpodConfigException Invalid(string key, string expected) => new($"{key} must be {expected}");
}
