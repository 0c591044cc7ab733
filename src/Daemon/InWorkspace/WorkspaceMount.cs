using Daemon.Linux;

namespace Daemon.InWorkspace;

/// <summary>A mount the service made inside a workspace, remembered so teardown can undo it.</summary>
/// <param name="Kind">What was mounted.</param>
/// <param name="HostPid">The host pid whose mount namespace holds the mount.</param>
/// <param name="Target">The path in that namespace.</param>
internal sealed record WorkspaceMount(NamespaceOperation Kind, int HostPid, string Target);
