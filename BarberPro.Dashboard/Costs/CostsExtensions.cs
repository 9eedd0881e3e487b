using BarberPro.Core.Costs;
using BarberPro.Core.Security;

namespace BarberPro.Dashboard.Costs;

public static class CostsExtensions
{
    public static WebApplicationBuilder AddCosts(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        // Singleton: holds only the dashboard's data source and the clock.
        services.AddSingleton<CostStore>();
        services.AddSingleton<ICostStore>(provider => provider.GetRequiredService<CostStore>());
        // Scoped: one page build per circuit, nothing kept between builds.
        services.AddScoped<ICostActivitySource, CostActivityReader>();
        services.AddScoped<CostOverviewService>();
        // After the migration service (registered by persistence first): seeds SPEC.md's figures on first start.
        services.AddHostedService<CostSeeding>();
        return builder;
    }

    public static IEndpointRouteBuilder MapCosts(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(CostPaths.Export, ExportAsync).RequireAuthorization(Policies.Manage).WithName("CostsExport");
        return endpoints;
    }

    /// <summary>Every cost entry as CSV, in the import format.</summary>
    internal static async Task<IResult> ExportAsync(CostStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        var entries = await store.GetEntriesAsync(cancellationToken);
        using var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        CostCsv.Write(writer, entries);
        var stamp = time.GetUtcNow().ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.File(System.Text.Encoding.UTF8.GetBytes(writer.ToString()), "text/csv; charset=utf-8", $"barberpro-costs-{stamp}.csv");
    }
}

public static class CostPaths
{
    public const string Root = "/costs";
    public const string Export = "/costs/export.csv";
}
