using Microsoft.Extensions.Options;

namespace Daemon.InWorkspace;

/// <summary>Validates options through their own list of problems, reporting each one by name.</summary>
internal sealed class ProblemListValidator<TOptions>(Func<TOptions, IEnumerable<string>> problems) : IValidateOptions<TOptions>
    where TOptions : class
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        var found = problems(options).ToList();
        return found.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(found);
    }
}
