using Facade.Cli;
using Facade.Hosting;

if (args.Length > 0 && CommandLine.TryRun(args, out var exitCode)) return exitCode;

return await FacadeApp.RunAsync(args);
