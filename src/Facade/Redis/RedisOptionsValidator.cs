using Microsoft.Extensions.Options;

namespace Facade.Redis;

/// <summary>Checks <see cref="RedisOptions"/> at start: a configuration string that cannot be parsed fails the start.</summary>
internal sealed class RedisOptionsValidator : IValidateOptions<RedisOptions>
{
    private static readonly TimeSpan MaxTimeout = TimeSpan.FromSeconds(30);

    public ValidateOptionsResult Validate(string? name, RedisOptions options)
    {
        var failures = new List<string>();
        if (options.Enabled)
        {
            try
            {
                RedisConnectionConfig.Build(options);
            }
            catch (ArgumentException e)
            {
                failures.Add($"{RedisOptions.Section}: {e.Message}");
            }
        }
        if (options.OperationTimeout <= TimeSpan.Zero || options.OperationTimeout > MaxTimeout)
            failures.Add($"{RedisOptions.Section}:OperationTimeout must be between 0 and {MaxTimeout}");
        if (options.ConnectTimeout <= TimeSpan.Zero || options.ConnectTimeout > MaxTimeout)
            failures.Add($"{RedisOptions.Section}:ConnectTimeout must be between 0 and {MaxTimeout}");
        if (options.DocumentTtl <= TimeSpan.Zero)
            failures.Add($"{RedisOptions.Section}:DocumentTtl must be positive (shared documents always expire)");
        if (options.HoldingsTtl <= TimeSpan.Zero)
            failures.Add($"{RedisOptions.Section}:HoldingsTtl must be positive (what repositories hold always expires)");
        if (options.CidTtl < TimeSpan.Zero)
            failures.Add($"{RedisOptions.Section}:CidTtl must not be negative (zero: no expiry, as Gitpod)");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
