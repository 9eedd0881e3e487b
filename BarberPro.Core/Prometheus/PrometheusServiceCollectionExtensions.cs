using System.Net;
using BarberPro.Core.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace BarberPro.Core.Prometheus;

public static class PrometheusServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="PrometheusClient"/> as a typed HttpClient with options bound from
    /// <paramref name="section"/> (usually <c>Prometheus</c>) and validated at start-up.
    /// </summary>
    public static IHttpClientBuilder AddPrometheusClient(this IServiceCollection services, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(section);
        var path = section is IConfigurationSection named ? named.Path : PrometheusOptions.SectionName;
        services.AddOptions<PrometheusOptions>().Bind(section).ValidateOnStart();
        return AddCore(services, path);
    }

    /// <summary>Registers <see cref="PrometheusClient"/> with options set in code, validated at start-up.</summary>
    public static IHttpClientBuilder AddPrometheusClient(this IServiceCollection services, Action<PrometheusOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<PrometheusOptions>().Configure(configure).ValidateOnStart();
        return AddCore(services, PrometheusOptions.SectionName);
    }

    /// <summary>
    /// Registers <see cref="PanelQueryCatalog"/> (singleton) with <see cref="PanelQueryOptions"/> bound from
    /// <paramref name="panelsSection"/> (usually <c>Panels</c>) and every configured query validated at start-up.
    /// </summary>
    public static IServiceCollection AddPanelQueryCatalog(this IServiceCollection services, IConfiguration panelsSection)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(panelsSection);
        var path = panelsSection is IConfigurationSection named ? named.Path : PanelQueryOptions.SectionName;
        services.AddOptions<PanelQueryOptions>().Bind(panelsSection).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PanelQueryOptions>>(new ValidatePanelQueryOptions(path)));
        services.TryAddSingleton<PanelQueryCatalog>();
        return services;
    }

    private static IHttpClientBuilder AddCore(IServiceCollection services, string sectionPath)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PrometheusOptions>>(new ValidatePrometheusOptions(sectionPath)));
        services.TryAddSingleton(TimeProvider.System);

        // Singleton: the circuit breaker's state must outlive the transient typed-client instances.
        services.TryAddSingleton<PrometheusResilience>();
        services.AddPrometheusMetrics();
        services.TryAddSingleton<PrometheusQueryMetrics>();

        return services
            .AddHttpClient<PrometheusClient>((provider, client) =>
            {
                client.BaseAddress = provider.GetRequiredService<IOptions<PrometheusOptions>>().Value.GetBaseUri();

                // Per-attempt timeouts come from the resilience pipeline, which also covers reading the body.
                client.Timeout = Timeout.InfiniteTimeSpan;
            })
            .ConfigurePrimaryHttpMessageHandler(static () => new SocketsHttpHandler
            {
                AutomaticDecompression = DecompressionMethods.All,
            });
    }
}
