using Facade.Cli;
using Facade.Hosting;

if (args.Length > 0 && CommandLine.TryRun(args, out var exitCode)) return exitCode;

var app = FacadeApp.Build(args);
await app.RunAsync();
return 0;
