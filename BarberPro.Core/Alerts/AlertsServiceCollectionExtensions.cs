using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace BarberPro.Core.Alerts;

public static class AlertsServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="AlertmanagerClient"/> as a typed HttpClient with options bound from <paramref name="section"/>
    /// (usually <c>Alertmanager</c>) and validated at start-up. An empty BaseUrl is valid: the client reports
    /// <see cref="AlertmanagerErrorKind.NotConfigured"/>.
    /// </summary>
    public static IHttpClientBuilder AddAlertmanagerClient(this IServiceCollection services, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(section);
        var path = section is IConfigurationSection named ? named.Path : AlertmanagerOptions.SectionName;
        services.AddOptions<AlertmanagerOptions>().Bind(section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AlertmanagerOptions>>(new ValidateAlertmanagerOptions(path)));
        return services
            .AddHttpClient<AlertmanagerClient>((provider, client) =>
            {
                var options = provider.GetRequiredService<IOptions<AlertmanagerOptions>>().Value;
                if (options.IsConfigured)
                {
                    client.BaseAddress = options.GetBaseUri();
                }

                // The client's own linked token enforces Alertmanager:Timeout over the whole call, body included.
                client.Timeout = Timeout.InfiniteTimeSpan;
            })
            .ConfigurePrimaryHttpMessageHandler(static () => new SocketsHttpHandler
            {
                AutomaticDecompression = DecompressionMethods.All,
            });
    }
}
