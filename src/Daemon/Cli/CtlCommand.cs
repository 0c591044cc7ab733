using Daemon.Protos.WsDaemon;
using Facade.Shared.Cli;
using Google.Protobuf;
using Grpc.Core;

namespace Daemon.Cli;

/// <summary><c>Daemon ctl</c>: calls one WorkspaceContentService RPC and prints the response as JSON.</summary>
internal static class CtlCommand
{
    /// <summary>Address used when neither <c>--address</c> nor <c>DAEMON_ADDRESS</c> is given.</summary>
    public const string DefaultAddress = "http://127.0.0.1:8090";

    private const string Usage = """
        usage: Daemon ctl [--address unix:/path|http://host:port] <rpc> <id> [options]
          init <id> --empty | --git URI [--mode head|commit|branch|local-branch] [--target T] [--location DIR] [--full]
                    | --snapshot URL | --from-backup | --initializer JSON
                    [--owner O] [--meta-id M] [--no-remote-storage] [--quota BYTES]
          wait <id>
          exists <id>
          snapshot <id> [--immediate]
          backup <id>
          dispose <id> [--backup] [--backup-logs]
        """;

    private static readonly JsonFormatter Json = new(JsonFormatter.Settings.Default.WithFormatDefaultValues(true));

    /// <summary>Runs the command; 0 on success, 1 when the call failed, 2 for a usage error.</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        if (CommandSwitches.WantsHelp(args))
        {
            await output.WriteLineAsync(Usage);
            return 0;
        }
        try
        {
            var parsed = CtlArguments.Parse(args);
            var address = parsed.Get("--address") ?? Environment.GetEnvironmentVariable("DAEMON_ADDRESS") ?? DefaultAddress;
            using var channel = DaemonChannel.Open(address);
            var client = new WorkspaceContentService.WorkspaceContentServiceClient(channel);
            var response = await CallAsync(client, parsed);
            await output.WriteLineAsync(Json.Format(response));
            return 0;
        }
        catch (CtlUsageException e)
        {
            await error.WriteLineAsync($"error: {e.Message}\n{Usage}");
            return 2;
        }
        catch (RpcException e)
        {
            await error.WriteLineAsync($"error: {e.StatusCode}: {e.Status.Detail}");
            return 1;
        }
    }

    private static async Task<IMessage> CallAsync(WorkspaceContentService.WorkspaceContentServiceClient client, CtlArguments args)
    {
        var rpc = args.Require(0, "rpc");
        return rpc switch
        {
            "init" => await client.InitWorkspaceAsync(InitRequestBuilder.Build(args)),
            "wait" => await client.WaitForInitAsync(new WaitForInitRequest { Id = args.Require(1, "workspace id") }),
            "exists" => await client.IsWorkspaceExistsAsync(new IsWorkspaceExistsRequest { Id = args.Require(1, "workspace id") }),
            "snapshot" => await client.TakeSnapshotAsync(new TakeSnapshotRequest { Id = args.Require(1, "workspace id"), ReturnImmediately = args.Has("--immediate") }),
            "backup" => await client.BackupWorkspaceAsync(new BackupWorkspaceRequest { Id = args.Require(1, "workspace id") }),
            "dispose" => await client.DisposeWorkspaceAsync(new DisposeWorkspaceRequest
            {
                Id = args.Require(1, "workspace id"),
                Backup = args.Has("--backup"),
                BackupLogs = args.Has("--backup-logs"),
            }),
            _ => throw new CtlUsageException($"unknown rpc '{rpc}'"),
        };
    }
}
