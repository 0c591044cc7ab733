namespace Facade.Tests.Composition;

/// <summary>A fact that needs the Debian docker-registry binary; skipped with the reason when it is missing.</summary>
internal sealed class RegistryFactAttribute : FactAttribute
{
    public RegistryFactAttribute()
    {
        if (!RegistryProcess.IsInstalled) Skip = "docker-registry is not installed (apt-get install docker-registry)";
    }
}
