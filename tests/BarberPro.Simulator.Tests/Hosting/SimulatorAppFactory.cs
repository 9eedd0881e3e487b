using BarberPro.Simulator.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace BarberPro.Simulator.Tests.Hosting;

/// <summary>The simulator in process, on a clock the test moves.</summary>
public sealed class SimulatorAppFactory : WebApplicationFactory<Program>
{
    public ManualTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 10, 20, 0, 0, TimeSpan.FromHours(-3)));

    protected override void ConfigureWebHost(IWebHostBuilder builder) =>
        builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(Clock));
}
