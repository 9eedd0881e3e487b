using System.Diagnostics;
using System.Net;
using BarberPro.Core.Reports;
using BarberPro.Core.Security;
using BarberPro.Dashboard.Reports;
using BarberPro.Dashboard.Tests.Infrastructure;
using BarberPro.Dashboard.Tests.Localization;
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
        Assert.Equal($"{id},daily,2031-06-11T03:00:00Z,2031-06-11T21:00:00Z,Chart,series_throughput,2031-06-11T00:00:00-03:00,requests/s,1250,1100,,,,", lines[7]);
        Assert.Equal($"{id},daily,2031-06-11T03:00:00Z,2031-06-11T21:00:00Z,Chart,series_throughput,2031-06-11T00:05:00-03:00,requests/s,,1120,,,,", lines[8]);
        Assert.Equal($"{id},daily,2031-06-11T03:00:00Z,2031-06-11T21:00:00Z,Chart,series_throughput,2031-06-11T00:10:00-03:00,requests/s,1180.5,,,,,", lines[9]);
        Assert.Equal(10, lines.Length);
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
        Assert.Contains("HighLatency: firing 14 min", text, StringComparison.Ordinal);
        Assert.Contains("Requests per second (requests/s)", text, StringComparison.Ordinal);
        Assert.Contains("Highest 1,250 requests/s at Wed 11 Jun 00:00 ART; previous period 1,120 requests/s at Tue 10 Jun 00:05 ART.", text, StringComparison.Ordinal);
        Assert.Contains("peak capacity 12,000 rps", text, StringComparison.Ordinal);
    }

    /// <summary>The same stored report downloaded by a Spanish reader: Spanish words with their accents (DejaVu Sans has
    /// them; pdftotext reads them back) and the figures written the Argentine way.</summary>
    [Fact]
    public async Task InSpanish_ThePdf_SaysTheSameFigures_InSpanishWordsWithAccents_AndArgentineNumbers()
    {
        var id = await StoreAsync();
        using var viewer = await factory.SignInAsRoleAsync(Roles.Viewer);
        viewer.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("es-AR");

        var text = await PdfToTextAsync(await viewer.Http.GetByteArrayAsync(ReportPaths.Pdf(id)));
        var oneLine = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

        Assert.Contains("Informe diario de rendimiento, mié 11 jun 2031", oneLine, StringComparison.Ordinal);
        Assert.Contains("mié 11 jun 2031 00:00 – 18:00 ART (comparado con mar 10 jun 2031 00:00 – 18:00 ART)", oneLine, StringComparison.Ordinal);
        // A long figure name wraps in its column; the values stand on its first line.
        Assert.Contains("Disponibilidad (proporción de 99,950 % ≥ 99,9 % cumple 99,910 % +0,04 pp éxito)", oneLine, StringComparison.Ordinal);
        Assert.Contains("Latencia p95 130 ms ≤ 100 ms no cumple", oneLine, StringComparison.Ordinal);
        Assert.Contains("Córdoba: 12 reservas, 10 completadas, ARS 123.456,78", oneLine, StringComparison.Ordinal);
        Assert.Contains("Máximo 1.250 solicitudes/s el mié 11 jun 00:00 ART; período anterior 1.120 solicitudes/s el mar 10 jun 00:05 ART.", oneLine, StringComparison.Ordinal);
        Assert.Contains("capacidad pico 12.000 rps", oneLine, StringComparison.Ordinal);
        Assert.Contains("Ítems de listas de control sin hacer", oneLine, StringComparison.Ordinal);
        Assert.Equal([], EnglishWords.In(oneLine.Replace("Generate daily performance report", "", StringComparison.Ordinal)));
    }

    /// <summary>
    /// A Spanish reader's CSV opens in columns in a spreadsheet set to Argentina: ';' between fields, decimal commas, a
    /// UTF-8 byte order mark; the header and the code columns are the English file's, the words are Spanish.
    /// </summary>
    [Fact]
    public async Task InSpanish_TheCsv_IsWhatASpreadsheetInArgentinaOpens_WithTheSameColumnNames()
    {
        var id = await StoreAsync();
        using var viewer = await factory.SignInAsRoleAsync(Roles.Viewer);
        viewer.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("es-AR");

        var bytes = await viewer.Http.GetByteArrayAsync(ReportPaths.Csv(id));
        var lines = System.Text.Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        Assert.Equal(string.Join(';', ReportCsv.Columns), lines[0]);
        Assert.Equal($"{id};daily;2031-06-11T03:00:00Z;2031-06-11T21:00:00Z;Disponibilidad;availability;Disponibilidad (proporción de éxito);ratio;0,9995;0,9991;≥ 99,9 %;pass;99,950 %;99,910 %", lines[1]);
        Assert.Equal($"{id};daily;2031-06-11T03:00:00Z;2031-06-11T21:00:00Z;Reservas;bookings;Reservas hechas;count;;12;;;sin datos;12", lines[3]);
        Assert.Equal($"{id};daily;2031-06-11T03:00:00Z;2031-06-11T21:00:00Z;Reservas por ciudad;city_revenue_ars;Córdoba;ars;123456,78;;;;;", lines[6]);
        Assert.Equal($"{id};daily;2031-06-11T03:00:00Z;2031-06-11T21:00:00Z;Gráfico;series_throughput;2031-06-11T00:10:00-03:00;requests/s;1180,5;;;;;", lines[9]);
        Assert.Equal(10, lines.Length);
    }

    [Fact]
    public async Task TheCsvAndThePdf_HoldTheIncidentSection_AndAReportStoredBeforeItSaysNotRecorded()
    {
        var period = ReportPeriod.Daily(new DateOnly(2031, 6, 4));
        var (id, _) = await factory.Services.GetRequiredService<ReportStore>().InsertAsync(period, FakeReportSource.WithIncidents(period),
            period.End, ReportAuthors.System, CancellationToken.None);
        var old = await StoreAsync();
        using var viewer = await factory.SignInAsRoleAsync(Roles.Viewer);

        var csv = (await viewer.Http.GetStringAsync(ReportPaths.Csv(id))).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        // Words as one line (a long line of the PDF wraps).
        var pdf = string.Join(' ', (await PdfToTextAsync(await viewer.Http.GetByteArrayAsync(ReportPaths.Pdf(id)))).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        var oldPdf = string.Join(' ', (await PdfToTextAsync(await viewer.Http.GetByteArrayAsync(ReportPaths.Pdf(old)))).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

        const string Head = "2031-06-04T03:00:00Z,2031-06-04T21:00:00Z";
        Assert.Contains($"{id},daily,{Head},Incidents,mean_time_to_resolve_s,Mean time to resolve (incidents resolved in the period),s,2520,3900,,,42 min,1 h 5 min", csv);
        Assert.Contains($"{id},daily,{Head},Incidents,incident,#12 Checkout failing,s,2520,,,,#12 Checkout failing · ✖ Critical · lead Ana Operator · opened Wed 4 Jun 10:00 ART · resolved Wed 4 Jun 10:42 ART (42 min to resolve) · /incidents/12,", csv);
        Assert.Contains($"{id},daily,{Head},Incidents,incident,#13 Slow search,s,,,,,#13 Slow search · ▲ Warning · lead Víctor Viewer · opened Wed 4 Jun 15:00 ART · still open at the end of the period · /incidents/13,", csv);
        Assert.Contains("2 opened, 1 resolved in this period. Mean time to resolve: 42 min (previous period: 1 h 5 min).", pdf, StringComparison.Ordinal);
        Assert.Contains("#12 Checkout failing · ✖ Critical · lead Ana Operator · opened Wed 4 Jun 10:00 ART · resolved Wed 4 Jun 10:42 ART (42 min to resolve) · /incidents/12", pdf, StringComparison.Ordinal);
        Assert.Contains("Not recorded: this report was stored before incidents were kept with reports.", oldPdf, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThePdfsChart_IsDrawnAsLines_WhereThePageHasIt()
    {
        var id = await StoreAsync();
        using var viewer = await factory.SignInAsRoleAsync(Roles.Viewer);

        var pdf = await viewer.Http.GetByteArrayAsync(ReportPaths.Pdf(id));

        // Rendered by pdftoppm without anti-aliasing: the two series are pixels of exactly their colours (this period
        // #1c5fb8, previous period #9fb6dc) and the critical target line #c92a2a; no other part of the PDF uses them.
        var pixels = await PdfPixelsAsync(pdf);
        // This period's two values have a gap between them: two dots, not a line.
        Assert.True(pixels.GetValueOrDefault(0x1c5fb8) > 0, "current line: " + pixels.GetValueOrDefault(0x1c5fb8));
        Assert.True(pixels.GetValueOrDefault(0x9fb6dc) > 20, "previous line: " + pixels.GetValueOrDefault(0x9fb6dc));
        Assert.True(pixels.GetValueOrDefault(0xc92a2a) > 50, "critical target: " + pixels.GetValueOrDefault(0xc92a2a));
    }

    /// <summary>How many pixels of each colour (0xRRGGBB) the PDF's pages have, rendered at 100 dpi as PPM.</summary>
    private static async Task<Dictionary<int, int>> PdfPixelsAsync(byte[] pdf)
    {
        var directory = Directory.CreateTempSubdirectory("report-pdf-");
        try
        {
            var file = Path.Combine(directory.FullName, "report.pdf");
            await File.WriteAllBytesAsync(file, pdf);
            using var process = Process.Start(new ProcessStartInfo("pdftoppm", ["-r", "100", "-aa", "no", "-aaVector", "no", file, Path.Combine(directory.FullName, "page")])
            {
                RedirectStandardError = true,
            })!;
            var error = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, "pdftoppm failed: " + error);
            var counts = new Dictionary<int, int>();
            foreach (var page in directory.GetFiles("page*.ppm"))
            {
                var bytes = await File.ReadAllBytesAsync(page.FullName);
                // P6 header: "P6\n<width> <height>\n255\n", then RGB bytes.
                var offset = 0;
                for (var newlines = 0; newlines < 3; offset++)
                {
                    newlines += bytes[offset] == '\n' ? 1 : 0;
                }
                for (var i = offset; i + 2 < bytes.Length; i += 3)
                {
                    var key = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
                    counts[key] = counts.GetValueOrDefault(key) + 1;
                }
            }
            return counts;
        }
        finally
        {
            directory.Delete(recursive: true);
        }
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
        Assert.Contains("data-report-chart=\"throughput\"", html, StringComparison.Ordinal);
        Assert.Contains("Highest 1,250 requests/s at Wed 11 Jun 00:00 ART; previous period 1,120 requests/s at Tue 10 Jun 00:05 ART.", html, StringComparison.Ordinal);
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
