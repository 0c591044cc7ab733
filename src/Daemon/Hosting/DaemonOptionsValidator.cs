using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Daemon.Hosting;

/// <summary>Rejects incomplete or contradictory <c>Daemon:</c> settings at start-up, with every problem listed.</summary>
internal sealed partial class DaemonOptionsValidator : IValidateOptions<DaemonOptions>
{
    public ValidateOptionsResult Validate(string? name, DaemonOptions options)
    {
        var errors = new List<string>();
        if (!Path.IsPathFullyQualified(options.WorkingArea))
            errors.Add("Daemon:WorkingArea must be an absolute directory");
        if (!ListenAddress.TryParse(options.Content.Listen, out _, out var listenError))
            errors.Add($"Daemon:Content:Listen: {listenError}");
        if (options.Content.GitTimeout <= TimeSpan.Zero || options.Content.DownloadTimeout <= TimeSpan.Zero)
            errors.Add("Daemon:Content timeouts must be positive");
        if (options.Archive.UidShift < 0 || options.Archive.GidShift < 0)
            errors.Add("Daemon:Archive shifts must not be negative");
        ValidateStorage(options.Storage, errors);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void ValidateStorage(StorageOptions storage, List<string> errors)
    {
        switch (storage.Kind)
        {
            case StorageKind.Local:
                if (storage.Local.Directory.Length > 0 && !Path.IsPathFullyQualified(storage.Local.Directory))
                    errors.Add("Daemon:Storage:Local:Directory must be absolute");
                break;
            case StorageKind.S3:
                RequireHttpUrl(storage.S3.Endpoint, "Daemon:Storage:S3:Endpoint", errors);
                if (!BucketName().IsMatch(storage.S3.Bucket))
                    errors.Add("Daemon:Storage:S3:Bucket must be a valid bucket name");
                if (storage.S3.AccessKey.Length == 0 || storage.S3.SecretKey.Length == 0)
                    errors.Add("Daemon:Storage:S3:AccessKey and SecretKey are required");
                if (storage.S3.Region.Length == 0)
                    errors.Add("Daemon:Storage:S3:Region is required");
                if (storage.S3.MultipartThreshold < 0)
                    errors.Add("Daemon:Storage:S3:MultipartThreshold must not be negative");
                if (storage.S3.PartSize is < 5L << 20 or > 5L << 30)
                    errors.Add("Daemon:Storage:S3:PartSize must be between 5 MiB and 5 GiB");
                break;
            case StorageKind.Oci:
                RequireHttpUrl(storage.Oci.Registry, "Daemon:Storage:Oci:Registry", errors);
                if (!RepositoryName().IsMatch(storage.Oci.Repository))
                    errors.Add("Daemon:Storage:Oci:Repository must be a valid repository name");
                break;
            default:
                errors.Add("Daemon:Storage:Kind must be Local, S3 or Oci");
                break;
        }
    }

    private static void RequireHttpUrl(string value, string key, List<string> errors)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            errors.Add($"{key} must be an http or https URL");
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")]
    private static partial Regex BucketName();

    [GeneratedRegex("^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$")]
    private static partial Regex RepositoryName();
}
