using Microsoft.Extensions.Options;

namespace Daemon.InWorkspace;

/// <summary>Reports every configuration problem by name rather than one generic failure.</summary>
internal sealed class InWorkspaceOptionsValidator : IValidateOptions<InWorkspaceOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, InWorkspaceOptions options)
    {
        var problems = options.Problems().ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
