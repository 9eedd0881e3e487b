using System.Diagnostics;
using System.Net;
using BarberPro.Core.Reports;
using BarberPro.Core.Security;
using BarberPro.Dashboard.Reports;
using BarberPro.Dashboard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace BarberPro.Dashboard.Tests.Reports;

/// <summary>The page, the CSV and the PDF of a stored report, through the real host and a Viewer's session.</summary>
public sealed class ReportExportTests(DashboardFactory factory) : IClassFixture<DashboardFactory>
{
    private static readonly ReportPeriod s_period = ReportPeriod.Daily(new DateOnly(2031, 6, 11));

    private async Task<long> StoreAsync()
    {
        var store = factory.Services.GetRequiredService<ReportStore>();
        var content = FakeReportSource.Content(s_period);
        var (id, _) = await store.InsertAsync(s_period with { }, content, s_period.End, ReportAuthors.System, CancellationToken.None);
        return id;
    }

    [Fact]
    public async Task TheCsv_HasTheDocumentedColumns_AndEveryFigure_NoDataLeftEmpty()
    {
        var id = await StoreAsync();
        using var viewer = await factory.SignInAsRoleAsync(Roles.Viewer);

        var response = await viewer.Http.GetAsync(ReportPaths.Csv(id));
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(string.Join(',', ReportCsv.Columns), lines[0]);
        Assert.Equal($"{id},daily,2031-06-11T03:00:00Z,2031-06-11T21:00:00Z,Availability,availability,Availability (success ratio),ratio,0.9995,0.9991,≥ 99.9 %,pass,99.950 %,99.910 %", lines[1]);
        Assert.Equal($"{id},daily,2031-06-11T03:00:00Z,2031-06-11T21:00:00Z,Bookings,bookings,Bookings made,count,,12,,,no data,12", lines[3]);
        Assert.Equal($"{id},daily,2031-06-11T03:00:00Z,2031-06-11T21:00:00Z,Bookings by city,city_revenue_ars,Córdoba,ars,123456.78,,,,,", lines[6]);
        Assert.Equal(7, lines.Length);
    }

    [Fact]
    public async Task ThePdf_OpensWithPdftotext_AndHoldsTheTitlePeriodAndFiguresOfThePage()
    {
        var id = await StoreAsync();
        using var viewer = await factory.SignInAsRoleAsync(Roles.Viewer);

        var response = await viewer.Http.GetAsync(ReportPaths.Pdf(id));
        var pdf = await response.Content.ReadAsByteArrayAsync();
        var text = await PdfToTextAsync(pdf);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Daily performance report, Wed 11 Jun 2031", text, StringComparison.Ordinal);
        Assert.Contains("Wed 11 Jun 2031 00:00 – 18:00 ART", text, StringComparison.Ordinal);
        foreach (var figure in FakeReportSource.Content(s_period).Figures)
        {
            Assert.Contains(figure.Label, text, StringComparison.Ordinal);
            Assert.Contains(figure.Display, text, StringComparison.Ordinal);
            Assert.Contains(figure.Verdict, text, StringComparison.Ordinal);
        }
        Assert.Contains("≤ 100 ms", text, StringComparison.Ordinal);
        Assert.Contains("HighLatency 14 min", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThePage_ShowsEachFigureWithTargetResultAndChange()
    {
        var id = await StoreAsync();
        using var viewer = await factory.SignInAsRoleAsync(Roles.Viewer);

        var html = await viewer.Http.GetStringAsync(ReportPaths.Of(id));

        Assert.Contains("Daily performance report, Wed 11 Jun 2031", html, StringComparison.Ordinal);
        Assert.Contains("99.950 %", html, StringComparison.Ordinal);
        Assert.Contains("0.04 pt", html, StringComparison.Ordinal);
        Assert.Contains("no data", html, StringComparison.Ordinal);
        Assert.Contains(ReportPaths.Pdf(id), html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AReportThatDoesNotExist_IsNotFound()
    {
        using var viewer = await factory.SignInAsRoleAsync(Roles.Viewer);

        Assert.Equal(HttpStatusCode.NotFound, (await viewer.Http.GetAsync(ReportPaths.Pdf(987654))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await viewer.Http.GetAsync(ReportPaths.Csv(987654))).StatusCode);
    }

    private static async Task<string> PdfToTextAsync(byte[] pdf)
    {
        var file = Path.Combine(Path.GetTempPath(), $"report-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(file, pdf);
        try
        {
            using var process = Process.Start(new ProcessStartInfo("pdftotext", ["-layout", file, "-"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
            var output = await process.StandardOutput.ReadToEndAsync();
            var error = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, "pdftotext failed: " + error);
            return output;
        }
        finally
        {
            File.Delete(file);
        }
    }
}
