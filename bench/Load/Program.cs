using System.Runtime.InteropServices;
using Facade.Load;

LoadOptions options;
try
{
    options = LoadOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // Stop measuring and let every 'await using' shut its process down.
    e.Cancel = true;
    stop.Cancel();
};
using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    stop.Cancel();
});

try
{
    await BenchSuite.RunAsync(options, line => Console.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {line}"), stop.Token);
    Console.WriteLine($"written to {options.ResultsDirectory}");
    return 0;
}
catch (OperationCanceledException) when (stop.IsCancellationRequested)
{
    Console.Error.WriteLine("stopped; everything started by this run has been shut down");
    return 130;
}
catch (Exception e)
{
    Console.Error.WriteLine("load run failed: " + e);
    return 1;
}
