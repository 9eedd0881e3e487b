using BarberPro.Core.Persistence;
using BarberPro.Dashboard.Security;

namespace BarberPro.Dashboard.Persistence;

/// <summary>
/// Applies the SQL migrations, makes sure the shared data-protection key exists, then seeds roles and the first Admin, before the app starts listening: hosted
/// services' StartAsync run before the server accepts requests, so no request sees a half-made schema.
/// </summary>
internal sealed partial class StartupMigrationService(
    MigrationRunner runner,
    DataProtectionKeyBootstrap dataProtectionKeys,
    IServiceScopeFactory scopes,
    ILogger<StartupMigrationService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var applied = await runner.ApplyAsync(cancellationToken);
        LogMigrated(applied, MigrationRunner.EmbeddedMigrations.Count);
        await dataProtectionKeys.EnsureAsync(cancellationToken);

        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<BootstrapAdmin>().EnsureAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Dashboard schema ready: {Applied} new of {Total} migrations applied")]
    private partial void LogMigrated(int applied, int total);
}
