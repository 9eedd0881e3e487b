using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BarberPro.Dashboard.Tests.Infrastructure;

/// <summary>The dashboard on its own fresh database, with a <see cref="ManualTimeProvider"/> in place of the system clock.</summary>
public class ClockedDashboardFactory : DashboardFactory
{
    public ClockedDashboardFactory()
        : this(new ManualTimeProvider())
    {
    }

    /// <summary>With a clock starting at a chosen instant, e.g. now, when the test reads the real Prometheus's data.</summary>
    protected ClockedDashboardFactory(ManualTimeProvider clock) => Clock = clock;

    public ManualTimeProvider Clock { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
        });
    }
}
