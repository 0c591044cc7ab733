using Microsoft.Extensions.Logging.Console;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Facade.Metrics;

/// <summary>Registers the facade's instruments, traces and logs on the OpenTelemetry SDK.</summary>
internal static class MetricsServiceCollectionExtensions
{
    /// <summary>The variable (or configuration key) that switches OTLP export on, as OpenTelemetry defines it.</summary>
    public const string OtlpEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>
    /// Metrics always (Prometheus text on <c>/metrics</c>); traces only when something exports
    /// them, so that an unobserved facade does not pay for spans; OTLP for metrics, traces and
    /// logs when <see cref="OtlpEndpointKey"/> is set.
    /// </summary>
    public static IServiceCollection AddFacadeMetrics(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        services.AddOptions<TelemetryOptions>().Bind(configuration.GetSection(TelemetryOptions.Section));
        services.AddMetrics();
        services.AddSingleton<FacadeMetrics>();
        if (options.JsonConsole) services.Configure<ConsoleLoggerOptions>(o => o.FormatterName = ConsoleFormatterNames.Json);

        var otel = services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(options.ServiceName))
            .WithMetrics(m => m
                .AddMeter(FacadeMetrics.MeterName)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                // Prometheus reserves a "_count" suffix for histograms and summaries; these
                // runtime gauges would make the exposition fail promtool's lint.
                .AddView("dotnet.assembly.count", "dotnet.assemblies.loaded")
                .AddView("dotnet.process.cpu.count", "dotnet.process.cpus")
                .AddView("dotnet.timer.count", "dotnet.timers.active")
                // No scrape cache: a scrape right after a request must see it (tests, and
                // operators comparing counters); rendering is cheap at this series count.
                .AddPrometheusExporter(p => p.ScrapeResponseCacheDurationMilliseconds = 0));
        // Whoever builds a tracer provider (OTLP below, a test's in-memory exporter) gets these.
        services.ConfigureOpenTelemetryTracerProvider(t => t
            .AddSource(FacadeTelemetry.SourceName)
            .AddAspNetCoreInstrumentation(a => a.Filter = c => !c.Request.Path.StartsWithSegments("/metrics"))
            .AddHttpClientInstrumentation());
        if (!string.IsNullOrWhiteSpace(configuration[OtlpEndpointKey]))
            otel.WithTracing(_ => { }).WithLogging().UseOtlpExporter();
        return services;
    }

    /// <summary>The one place <c>/metrics</c> is served (extra listeners route here too).</summary>
    public static IEndpointConventionBuilder MapFacadeMetrics(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPrometheusScrapingEndpoint("/metrics");

    /// <summary>The access log, outermost so that it sees the final status and every byte.</summary>
    public static IApplicationBuilder UseFacadeAccessLog(this IApplicationBuilder app) =>
        app.ApplicationServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<TelemetryOptions>>().Value.AccessLog
            ? app.UseMiddleware<AccessLogMiddleware>()
            : app;
}
