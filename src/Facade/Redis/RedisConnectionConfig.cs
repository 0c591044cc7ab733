using StackExchange.Redis;

namespace Facade.Redis;

/// <summary>
/// Turns <see cref="RedisOptions"/> into StackExchange.Redis options: the configuration string
/// first, then credentials, TLS and sentinels on top, then the advisory rules (never abort or
/// queue because Redis is down).
/// </summary>
internal static class RedisConnectionConfig
{
    /// <summary>The client options; throws <see cref="ArgumentException"/> for options that cannot work.</summary>
    public static ConfigurationOptions Build(RedisOptions options)
    {
        var config = string.IsNullOrWhiteSpace(options.Configuration) ? new ConfigurationOptions() : ConfigurationOptions.Parse(options.Configuration);
        if (!string.IsNullOrEmpty(options.User)) config.User = options.User;
        if (!string.IsNullOrEmpty(options.Password)) config.Password = options.Password;

        var sentinel = options.Sentinel;
        if (sentinel.Endpoints.Count > 0)
        {
            if (string.IsNullOrWhiteSpace(sentinel.ServiceName))
                throw new ArgumentException($"{RedisOptions.Section}:Sentinel:ServiceName is required with sentinel endpoints");
            // The sentinels replace any endpoint of the configuration string: the master is
            // whatever they name, now and after each failover.
            config.EndPoints.Clear();
            foreach (var endpoint in sentinel.Endpoints) config.EndPoints.Add(endpoint);
            config.ServiceName = sentinel.ServiceName;
        }
        if (config.EndPoints.Count == 0) throw new ArgumentException($"{RedisOptions.Section} names no endpoint");

        var tls = options.Tls;
        var skipVerify = tls.InsecureSkipVerify || options.InsecureSkipVerify;
        // Also for TLS switched on by the configuration string (ssl=true), as Gitpod's useTLS maps.
        if (skipVerify) config.CertificateValidation += (_, _, _, _) => true;
        if (tls.Enabled)
        {
            config.Ssl = true;
            if (!string.IsNullOrEmpty(tls.ServerName)) config.SslHost = tls.ServerName;
            if (!skipVerify && !string.IsNullOrEmpty(tls.CaFile))
            {
                if (!File.Exists(tls.CaFile)) throw new ArgumentException($"{RedisOptions.Section}:Tls:CaFile '{tls.CaFile}' does not exist");
                config.TrustIssuer(tls.CaFile);
            }
        }

        // Never fail or queue because Redis is down: connect in the background, fail calls at once.
        config.AbortOnConnectFail = false;
        config.BacklogPolicy = BacklogPolicy.FailFast;
        config.ConnectTimeout = (int)options.ConnectTimeout.TotalMilliseconds;
        config.AsyncTimeout = (int)options.OperationTimeout.TotalMilliseconds;
        config.SyncTimeout = (int)options.OperationTimeout.TotalMilliseconds;
        config.ConnectRetry = 1;
        config.ReconnectRetryPolicy = new LinearRetry(500);
        return config;
    }
}
