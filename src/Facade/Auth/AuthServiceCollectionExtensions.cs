using Microsoft.Extensions.Options;

namespace Facade.Auth;

/// <summary>Registers client authentication and puts its policy in front of <c>/v2</c>.</summary>
internal static class AuthServiceCollectionExtensions
{
    /// <summary>Binds <c>Facade:Auth</c> (validated at start-up) and registers the authenticator.</summary>
    public static IServiceCollection AddClientAuth(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AuthOptions>().Bind(configuration.GetSection(AuthOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>();
        services.AddSingleton<ClientAuthenticator>();
        return services;
    }

    /// <summary>Adds the policy middleware when authentication is on (a no-op otherwise).</summary>
    public static IApplicationBuilder UseClientAuth(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<AuthOptions>>().Value;
        if (!options.Enabled) return app;
        if (string.IsNullOrWhiteSpace(options.Htpasswd))
            AuthLog.AnyCredentials(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger<ClientAuthenticator>());
        // Resolved now so a bad htpasswd file stops the start rather than the first request.
        app.Services.GetRequiredService<ClientAuthenticator>();
        return app.UseMiddleware<ClientAuthMiddleware>();
    }
}
