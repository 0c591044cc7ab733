using Microsoft.Extensions.Options;

namespace Daemon.ResourceLimiting;

/// <summary>Reports resource limiting configuration problems at startup.</summary>
internal sealed class ResourceLimitingOptionsValidator : IValidateOptions<ResourceLimitingOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, ResourceLimitingOptions options)
    {
        var problems = options.Problems().ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
