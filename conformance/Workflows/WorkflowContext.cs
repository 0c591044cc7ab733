using Conformance.Http;
using Conformance.Protocol;
using Conformance.Running;
using Conformance.Settings;

namespace Conformance.Workflows;

/// <summary>What every workflow needs: settings, registry operations and the check runner.</summary>
internal sealed class WorkflowContext(ConformanceSettings settings, RegistryOperations registry, CheckRunner runner)
{
    public ConformanceSettings Settings => settings;

    public RegistryOperations Registry => registry;

    public RegistryClient Client => registry.Client;

    public CheckRunner Runner => runner;

    /// <summary>Repository the workflows work in.</summary>
    public string Namespace => settings.Namespace;
}
