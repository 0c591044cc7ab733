using Conformance.Content;
using Conformance.Http;
using Conformance.Protocol;
using Conformance.Running;

namespace Conformance.Workflows;

/// <summary>Push, cross-repository mount: POST ?mount=&amp;from= into OCI_CROSSMOUNT_NAMESPACE.</summary>
internal sealed class CrossMountChecks(WorkflowContext ctx, string workflow)
{
    /// <summary>Mounts <paramref name="blob"/> (already in the main namespace; null when its upload failed).</summary>
    public async Task RunAsync(TestBlob? blob)
    {
        if (ctx.Settings.CrossmountNamespace is not { } target)
        {
            foreach (var name in new[] { "POST with mount and from mounts an existing blob (201)", "GET mounted blob in the target repository", "POST mount of an unknown blob falls back to a session (202)", "POST with mount and no from mounts (201) or opens a session (202)" })
            {
                ctx.Runner.Skip(workflow, name, "OCI_CROSSMOUNT_NAMESPACE is not set");
            }

            return;
        }

        var mounted = await Check("POST with mount and from mounts an existing blob (201)", async () =>
        {
            Expect.Prerequisite(blob is not null, "the blob to mount was not uploaded");
            var response = await MountAsync(target, blob!.Digest);
            if (response.Status == 202)
            {
                await CancelAsync(response);
                throw new CheckSkippedException("registry declined the mount and opened a session (202, allowed)");
            }

            PushWorkflow.ExpectCreated(response, blob.Digest);
        });
        await Check("GET mounted blob in the target repository", async () =>
        {
            Expect.Prerequisite(mounted, "the blob was not mounted");
            ContentChecks.Blob(await ctx.Registry.FetchBlobAsync(HttpMethod.Get, target, blob!.Digest), blob.Digest, blob.Size);
        });
        // Anonymous mount: without from, the registry may find the blob itself or open a session.
        await Check("POST with mount and no from mounts (201) or opens a session (202)", async () =>
        {
            Expect.Prerequisite(blob is not null, "the blob to mount was not uploaded");
            var anonymousTarget = target + "-anonymous";
            var response = await ctx.Client.SendAsync(new RegistryRequest(HttpMethod.Post, Paths.WithQuery(Paths.Uploads(anonymousTarget), "mount", blob!.Digest)));
            Expect.Status(response, 201, 202);
            if (response.Status == 202)
            {
                Expect.Header(response, "Location");
                await CancelAsync(response);
                return;
            }
            PushWorkflow.ExpectCreated(response, blob.Digest);
            ContentChecks.Blob(await ctx.Registry.FetchBlobAsync(HttpMethod.Get, anonymousTarget, blob.Digest), blob.Digest, blob.Size);
        });
        await Check("POST mount of an unknown blob falls back to a session (202)", async () =>
        {
            var response = await MountAsync(target, Digests.Random());
            Expect.Status(response, 202);
            Expect.Header(response, "Location");
            await CancelAsync(response);
        });
    }

    private Task<RegistryResponse> MountAsync(string target, string digest)
    {
        var path = Paths.WithQuery(Paths.WithQuery(Paths.Uploads(target), "mount", digest), "from", ctx.Namespace);
        return ctx.Client.SendAsync(new RegistryRequest(HttpMethod.Post, path));
    }

    // Leaves no dangling session behind; the outcome of the cleanup is not what is being checked.
    private async Task CancelAsync(RegistryResponse sessionResponse)
    {
        if (sessionResponse.Header("Location") is { } location)
        {
            await ctx.Registry.SendAsync(HttpMethod.Delete, location);
        }
    }

    private Task<bool> Check(string name, Func<Task> check) => ctx.Runner.RunAsync(workflow, name, check);
}
