using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace BarberPro.Dashboard.Health;

/// <summary>
/// <c>/health</c>: liveness, the process answers. <c>/ready</c>: readiness, its database answers; other dependencies
/// (Prometheus) are reported in the body but never make the instance unready, because a
/// dashboard that can show "Prometheus is down" is more useful than one taken out of the load balancer.
/// </summary>
public static class HealthEndpoints
{
    public const string ReadyTag = "ready";
    public const string InformationalTag = "info";

    public static IHealthChecksBuilder AddDashboardHealthChecks(this IServiceCollection services) =>
        services.AddHealthChecks()
            .AddCheck<DashboardDatabaseHealthCheck>("dashboard-db", tags: [ReadyTag]);

    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health", new HealthCheckOptions { Predicate = _ => false })
            .AllowAnonymous().WithName("Health");
        endpoints.MapHealthChecks("/ready", new HealthCheckOptions
            {
                Predicate = check => check.Tags.Contains(ReadyTag) || check.Tags.Contains(InformationalTag),
                ResultStatusCodes =
                {
                    [HealthStatus.Healthy] = StatusCodes.Status200OK,
                    [HealthStatus.Degraded] = StatusCodes.Status200OK,
                    [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
                },
                ResponseWriter = WriteReport,
            })
            .AllowAnonymous().WithName("Ready");
        return endpoints;
    }

    private static Task WriteReport(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new
            {
                status = e.Value.Status.ToString(),
                description = e.Value.Description,
                durationMs = Math.Round(e.Value.Duration.TotalMilliseconds, 1),
            }),
        };
        return JsonSerializer.SerializeAsync(context.Response.Body, body, cancellationToken: context.RequestAborted);
    }
}

internal sealed class DashboardDatabaseHealthCheck(NpgsqlDataSource dataSource) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var command = dataSource.CreateCommand("SELECT 1");
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy("The dashboard database answers.");
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy($"The dashboard database does not answer: {ex.Message}");
        }
    }
}
