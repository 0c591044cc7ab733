using Daemon.Cli;
using Daemon.Hosting;
using Microsoft.Extensions.Options;

if (args is ["ctl", .. var ctlArgs])
    return await CtlCommand.RunAsync(ctlArgs, Console.Out, Console.Error);

try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.ListenForWorkspaceContent();
    builder.Services.AddWorkspaceContent(builder.Configuration);
    // In-workspace half: register it here, e.g. builder.Services.AddInWorkspace(builder.Configuration);

    var app = builder.Build();
    app.MapWorkspaceContent();
    // In-workspace half: map it here, e.g. app.MapInWorkspace();

    await app.RunAsync();
    return 0;
}
catch (OptionsValidationException e)
{
    await Console.Error.WriteLineAsync($"invalid configuration: {string.Join("; ", e.Failures)}");
    return 2;
}
