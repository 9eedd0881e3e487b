using BarberPro.Core.Capacity;

namespace BarberPro.Dashboard.Capacity;

public static class CapacityExtensions
{
    public static WebApplicationBuilder AddCapacity(this WebApplicationBuilder builder)
    {
        // Singleton store (data source and clock only); the page model is built per circuit.
        builder.Services.AddSingleton<CapacityStore>();
        builder.Services.AddSingleton<ICapacityStore>(services => services.GetRequiredService<CapacityStore>());
        builder.Services.AddScoped<CapacityService>();
        return builder;
    }
}
