using BarberPro.Core.Persistence;
using BarberPro.Dashboard.Security;

namespace BarberPro.Dashboard.Persistence;

/// <summary>
/// Applies the SQL migrations, makes sure the shared data-protection key exists, then seeds roles and the first Admin, before the app starts listening: hosted
/// services' StartAsync run before the server accepts requests, so no request sees a half-made schema.
/// </summary>
internal sealed partial class StartupMigrationService(
    MigrationRunner runner,
    Microsoft.Extensions.Options.IOptions<DashboardConnectionOptions> connections,
    DataProtectionKeyBootstrap dataProtectionKeys,
    IServiceScopeFactory scopes,
    ILogger<StartupMigrationService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var applied = await runner.ApplyAsync(cancellationToken);
        LogMigrated(applied, MigrationRunner.EmbeddedMigrations.Count);
        if (RuntimeRole(connections.Value) is { } role)
        {
            await runner.GrantRuntimeAccessAsync(role, cancellationToken);
        }
        await dataProtectionKeys.EnsureAsync(cancellationToken);

        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<BootstrapAdmin>().EnsureAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The runtime role to grant row access to: the main connection's user, when migrations run as another.</summary>
    internal static string? RuntimeRole(DashboardConnectionOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.DashboardMigrations))
        {
            return null;
        }
        var runtime = new Npgsql.NpgsqlConnectionStringBuilder(options.Dashboard).Username;
        var owner = new Npgsql.NpgsqlConnectionStringBuilder(options.DashboardMigrations).Username;
        return string.IsNullOrEmpty(runtime) || string.Equals(runtime, owner, StringComparison.Ordinal) ? null : runtime;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Dashboard schema ready: {Applied} new of {Total} migrations applied")]
    private partial void LogMigrated(int applied, int total);
}
