using BarberPro.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace BarberPro.Dashboard.Persistence;

public static class PersistenceExtensions
{
    public static WebApplicationBuilder AddDashboardPersistence(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<DashboardConnectionOptions>()
            .Bind(builder.Configuration.GetSection("ConnectionStrings"))
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<DashboardConnectionOptions>, DashboardConnectionOptionsValidator>();

        // One pooled data source per process (singleton): EF Core, the checklist service and the data-protection key
        // store all draw their connections from it.
        builder.Services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<DashboardConnectionOptions>>().Value;
            var dataSource = new NpgsqlDataSourceBuilder(options.Dashboard);
            dataSource.UseLoggerFactory(sp.GetRequiredService<ILoggerFactory>());
            return dataSource.Build();
        });
        builder.Services.AddDbContext<DashboardDbContext>((sp, options) =>
            options.UseNpgsql(sp.GetRequiredService<NpgsqlDataSource>()));
        // The migrations run as the role that owns the schema (ConnectionStrings:DashboardMigrations) when one is given,
        // so the dashboard's own role can be limited to rows; its pool is used once, at start-up.
        builder.Services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<DashboardConnectionOptions>>().Value;
            var dataSource = string.IsNullOrWhiteSpace(options.DashboardMigrations)
                ? sp.GetRequiredService<NpgsqlDataSource>()
                // No pool: the owner's connection closes as soon as the migrations are done.
                : new NpgsqlDataSourceBuilder(options.DashboardMigrations) { ConnectionStringBuilder = { Pooling = false } }
                    .UseLoggerFactory(sp.GetRequiredService<ILoggerFactory>()).Build();
            return new MigrationRunner(dataSource, sp.GetRequiredService<ILogger<MigrationRunner>>());
        });
        builder.Services.AddSingleton<DatabaseOutage>();

        // Registered before every other hosted service so that the schema exists before anything reads it.
        builder.Services.AddHostedService<StartupMigrationService>();
        return builder;
    }
}
