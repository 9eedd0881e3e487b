using System.Text;
using BarberPro.Core.Reports;
using BarberPro.Core.Security;
using BarberPro.Dashboard.Localization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace BarberPro.Dashboard.Reports;

/// <summary>A stored report as CSV and as PDF, for Viewers and above. Both read the stored figures, never recompute;
/// both are written in the language of the request (the user's choice, the cookie, the browser).</summary>
public static class ReportsApi
{
    public static IEndpointRouteBuilder MapReports(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(ReportPaths.CsvPattern, CsvAsync).RequireAuthorization(Policies.View).WithName("ReportCsv");
        endpoints.MapGet(ReportPaths.PdfPattern, PdfAsync).RequireAuthorization(Policies.View).WithName("ReportPdf");
        return endpoints;
    }

    internal static async Task<Results<FileContentHttpResult, NotFound>> CsvAsync(long id, ReportStore store, IStringLocalizer<Strings> strings,
        CancellationToken cancellationToken)
    {
        if (await store.GetAsync(id, cancellationToken) is not { } report)
        {
            return TypedResults.NotFound();
        }
        return TypedResults.File(Encoding.UTF8.GetBytes(ReportCsv.Write(report, new ReportWords(strings))), "text/csv; charset=utf-8", FileName(report, "csv"));
    }

    internal static async Task<Results<FileContentHttpResult, NotFound>> PdfAsync(long id, ReportStore store, IOptions<ReportOptions> options,
        IStringLocalizer<Strings> strings, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(id, cancellationToken) is not { } report)
        {
            return TypedResults.NotFound();
        }
        return TypedResults.File(ReportPdf.Write(report, options.Value.FontDirectory, new ReportWords(strings)), "application/pdf", FileName(report, "pdf"));
    }

    private static string FileName(Report report, string extension) =>
        $"barberpro-report-{report.Period.KindName}-{report.Period.FirstDay:yyyy-MM-dd}-{report.Id}.{extension}";
}
