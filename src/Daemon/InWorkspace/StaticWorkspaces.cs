using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Daemon.InWorkspace;

/// <summary>Registers the workspaces named in configuration at startup and closes every socket at shutdown.</summary>
internal sealed class StaticWorkspaces(WorkspaceRegistry registry, IOptions<InWorkspaceOptions> options) : IHostedService
{
    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var workspace in options.Value.Workspaces)
        {
            await registry.RegisterAsync(workspace, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken) => await registry.DisposeAsync().ConfigureAwait(false);
}
