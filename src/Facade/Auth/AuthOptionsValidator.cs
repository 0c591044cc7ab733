using Facade.Configuration;
using Microsoft.Extensions.Options;

namespace Facade.Auth;

/// <summary>
/// Refuses to start with a configuration that would let anyone push with the facade's upstream
/// credentials (push on, authentication off, no explicit <c>AllowAnonymousPush</c>), a pull
/// policy that cannot be enforced, or an htpasswd file that is missing or has non-bcrypt entries.
/// </summary>
internal sealed class AuthOptionsValidator(IOptions<FacadeOptions> facade) : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        var failures = new List<string>();
        if (facade.Value.Push.Enabled && !options.Enabled && !options.AllowAnonymousPush)
            failures.Add("Facade:Push:Enabled needs client authentication (Facade:Auth:Htpasswd) or, explicitly, Facade:Auth:AllowAnonymousPush=true");
        if (options.Pull == PullPolicy.Authenticated && !options.Enabled)
            failures.Add("Facade:Auth:Pull=Authenticated needs Facade:Auth:Htpasswd");
        if (!string.IsNullOrWhiteSpace(options.Htpasswd))
        {
            if (!File.Exists(options.Htpasswd))
                failures.Add($"Facade:Auth:Htpasswd file '{options.Htpasswd}' does not exist");
            else
            {
                var errors = new List<string>();
                HtpasswdFile.Load(options.Htpasswd, errors);
                failures.AddRange(errors.Select(e => $"Facade:Auth:Htpasswd '{options.Htpasswd}': {e}"));
            }
        }
        if (options.Realm.Contains('"', StringComparison.Ordinal) || options.Realm.Any(char.IsControl))
            failures.Add("Facade:Auth:Realm must not contain quotes or control characters");
        if (options.MaxFailures < 1) failures.Add("Facade:Auth:MaxFailures must be at least 1");
        if (options.FailureWindow <= TimeSpan.Zero) failures.Add("Facade:Auth:FailureWindow must be positive");
        if (options.VerifiedTtl < TimeSpan.Zero) failures.Add("Facade:Auth:VerifiedTtl must not be negative");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
