using System.Text;
using BarberPro.Core.Reports;
using BarberPro.Core.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace BarberPro.Dashboard.Reports;

/// <summary>A stored report as CSV and as PDF, for Viewers and above. Both read the stored figures, never recompute.</summary>
public static class ReportsApi
{
    public static IEndpointRouteBuilder MapReports(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(ReportPaths.CsvPattern, CsvAsync).RequireAuthorization(Policies.View).WithName("ReportCsv");
        endpoints.MapGet(ReportPaths.PdfPattern, PdfAsync).RequireAuthorization(Policies.View).WithName("ReportPdf");
        return endpoints;
    }

    internal static async Task<Results<FileContentHttpResult, NotFound>> CsvAsync(long id, ReportStore store, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(id, cancellationToken) is not { } report)
        {
            return TypedResults.NotFound();
        }
        return TypedResults.File(Encoding.UTF8.GetBytes(ReportCsv.Write(report)), "text/csv; charset=utf-8", FileName(report, "csv"));
    }

    internal static async Task<Results<FileContentHttpResult, NotFound>> PdfAsync(long id, ReportStore store, IOptions<ReportOptions> options,
        CancellationToken cancellationToken)
    {
        if (await store.GetAsync(id, cancellationToken) is not { } report)
        {
            return TypedResults.NotFound();
        }
        return TypedResults.File(ReportPdf.Write(report, options.Value.FontDirectory), "application/pdf", FileName(report, "pdf"));
    }

    private static string FileName(Report report, string extension) =>
        $"barberpro-report-{report.Period.KindName}-{report.Period.FirstDay:yyyy-MM-dd}-{report.Id}.{extension}";
}
