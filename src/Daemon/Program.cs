using Daemon.Cli;
using Daemon.Hosting;
using Daemon.InWorkspace;
using Microsoft.Extensions.Options;

// The in-workspace mount helper re-executes this binary inside a workspace's namespaces.
if (Daemon.Linux.NamespaceHelper.TryRun(args, out var helperExit))
    return helperExit;

if (args is ["ctl", .. var ctlArgs])
    return await CtlCommand.RunAsync(ctlArgs, Console.Out, Console.Error);

if (TopLevelCommand.TryRun(args, Console.Out, out var topLevelExit))
    return topLevelExit;

try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.ListenForWorkspaceContent();
    builder.Services.AddWorkspaceContent(builder.Configuration);
    builder.Services.AddInWorkspace(builder.Configuration);

    var app = builder.Build();
    app.MapWorkspaceContent();
    app.MapInWorkspace();

    await app.RunAsync();
    return 0;
}
catch (OptionsValidationException e)
{
    await Console.Error.WriteLineAsync($"invalid configuration: {string.Join("; ", e.Failures)}");
    return 2;
}
