namespace Facade.Gitpod;

/// <summary>The configuration source of a Gitpod registry-facade config file.</summary>
internal sealed class GitpodConfigurationSource(string path) : IConfigurationSource
{
    public IConfigurationProvider Build(IConfigurationBuilder builder) =>
        new GitpodConfigurationProvider(path, Environment.GetEnvironmentVariable);
}
