using Microsoft.Extensions.Options;

namespace Facade.Configuration;

/// <summary>Registers the facade's options, validated at start-up, and the clock every time-based rule reads.</summary>
internal static class ConfigurationServiceCollectionExtensions
{
    /// <summary>Binds <c>Facade</c> to <see cref="FacadeOptions"/> and adds <see cref="TimeProvider.System"/>.</summary>
    public static IServiceCollection AddFacadeOptions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<FacadeOptions>().Bind(configuration.GetSection(FacadeOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<FacadeOptions>, FacadeOptionsValidator>();
        services.AddSingleton(TimeProvider.System);
        return services;
    }
}
