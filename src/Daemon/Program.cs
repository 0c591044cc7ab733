using Daemon.InWorkspace;

if (Daemon.Linux.NamespaceHelper.TryRun(args, out var helperExit))
{
    return helperExit;
}

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddInWorkspace(builder.Configuration);
var app = builder.Build();
app.MapInWorkspace();
app.Run();
return 0;
