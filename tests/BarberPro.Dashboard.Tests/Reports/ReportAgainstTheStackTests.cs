using System.Globalization;
using System.Text.Json;
using BarberPro.Core.Bookings;
using BarberPro.Core.Prometheus;
using BarberPro.Core.Reports;
using BarberPro.Core.Time;
using BarberPro.Dashboard.Tests.Bookings;
using BarberPro.Dashboard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace BarberPro.Dashboard.Tests.Reports;

/// <summary>
/// A report gathered over the last 15 minutes from the real Prometheus (scraping the simulator) and the test's
/// booking database: each Prometheus figure equals the same PromQL, written out here, evaluated at the report's end
/// over its range, and each booking figure equals SQL over the raw booking tables for the report's days.
/// </summary>
public sealed class ReportAgainstTheStackTests(BookingsFactory factory) : IClassFixture<BookingsFactory>
{
    [Fact]
    public async Task EachFigureOfAGeneratedReport_EqualsTheSameQueryEvaluatedIndependentlyOverItsRange()
    {
        await WaitForBookingAggregatesAsync();
        // The peak's rate window: the panels' instant window (4 s here, at the test's 1 s scrape setting), at least 1 m.
        var instant = factory.Services.GetRequiredService<PanelQueryCatalog>().InstantRateWindow;
        var rate = PromQl.FormatDuration(instant > TimeSpan.FromMinutes(1) ? instant : TimeSpan.FromMinutes(1));

        const string Total = "http_requests_total{job=\"barberpro\"}";
        const string Errors = "http_requests_total{job=\"barberpro\",code=~\"5..\"}";
        const string Pods = "sum(max by (namespace, deployment) (kube_deployment_status_replicas{deployment=\"barberpro-backend\"}))";
        var expected = new Dictionary<string, (string Query, double Scale)>
        {
            [ReportFigureKeys.Availability] = ($"1 - ((sum(rate({Errors}[15m])) or vector(0)) / sum(rate({Total}[15m])))", 1),
            [ReportFigureKeys.LatencyAverage] = ("sum(rate(http_request_duration_seconds_sum{job=\"barberpro\"}[15m])) / sum(rate(http_request_duration_seconds_count{job=\"barberpro\"}[15m]))", 1000),
            [ReportFigureKeys.LatencyP95] = ("histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{job=\"barberpro\"}[15m])))", 1000),
            [ReportFigureKeys.LatencyP99] = ("histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{job=\"barberpro\"}[15m])))", 1000),
            [ReportFigureKeys.RequestsAverage] = ($"sum(rate({Total}[15m]))", 1),
            [ReportFigureKeys.RequestsPeak] = ($"max_over_time(sum(rate({Total}[{rate}]))[15m:])", 1),
            [ReportFigureKeys.ErrorRatio] = ($"(sum(rate({Errors}[15m])) or vector(0)) / sum(rate({Total}[15m]))", 1),
            [ReportFigureKeys.PodsMin] = ($"min_over_time({Pods}[15m:5m])", 1),
            [ReportFigureKeys.PodsMax] = ($"max_over_time({Pods}[15m:5m])", 1),
            [ReportFigureKeys.PodsAverage] = ($"avg_over_time({Pods}[15m:5m])", 1),
            [ReportFigureKeys.ScaleEvents] = ("changes(max(kube_horizontalpodautoscaler_status_desired_replicas{horizontalpodautoscaler=\"barberpro-backend-hpa\"})[15m:1m])", 1),
        };
        using var http = new HttpClient { BaseAddress = new Uri(TestEnvironment.Require("BARBERPRO_PROMETHEUS_URL")) };
        // A fresh stack (CI starts it a minute before this project runs) has no sample yet at the end of the last whole
        // minute, nor at the 5-minute steps of the pods' subqueries: wait, at most 7 minutes, until every independent
        // query has its one series at the report's end; past that the assertions below say which one has none.
        DateTimeOffset end;
        var deadline = DateTimeOffset.UtcNow.AddMinutes(7);
        while (true)
        {
            var now = DateTimeOffset.UtcNow;
            end = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerMinute), TimeSpan.Zero).AddMinutes(-1);
            var ready = true;
            foreach (var (query, _) in expected.Values)
            {
                ready &= await SeriesCountAsync(http, query, end) == 1;
            }
            if (ready || DateTimeOffset.UtcNow > deadline)
            {
                break;
            }
            await Task.Delay(TimeSpan.FromSeconds(5));
        }
        var today = ArgentinaTime.DateOf(end);
        var period = new ReportPeriod(ReportKind.OnDemand, today, today, end.AddMinutes(-15), end);

        var content = await factory.Services.GetRequiredService<ReportGatherer>().GatherAsync(period, CancellationToken.None);

        foreach (var (key, (query, scale)) in expected)
        {
            var independent = await QueryAsync(http, query, end) * scale;
            var figure = content.Figure(key)!;
            Assert.True(figure.Value is not null, $"{key}: no data in the report ({string.Join("; ", content.Problems)})");
            Assert.True(Math.Abs(figure.Value!.Value - independent) <= 1e-9 * Math.Max(1, Math.Abs(independent)),
                $"{key}: report {figure.Value} vs PromQL {independent}");
        }
        Assert.True(content.Figure(ReportFigureKeys.RequestsAverage)!.Value > 0);
        var alerts = await SeriesAsync(http, "sum by (alertname) (count_over_time(ALERTS{alertstate=\"firing\"}[15m:1m]))", end);
        Assert.Equal(alerts.Count, content.Figure(ReportFigureKeys.AlertsFired)!.Value);
        Assert.Equal(alerts.Values.Sum(), content.Figure(ReportFigureKeys.AlertMinutes)!.Value);

        var (created, completed, finished, revenue) = await RawBookingsAsync(period);
        Assert.Equal(2, created);
        Assert.Equal(created, content.Figure(ReportFigureKeys.Bookings)!.Value);
        Assert.Equal((double)completed / finished, content.Figure(ReportFigureKeys.CompletionRate)!.Value);
        Assert.Equal((double)revenue, content.Figure(ReportFigureKeys.Revenue)!.Value);
        Assert.Equal(1234567.89m, content.Cities.Single(c => c.City == "Buenos Aires").RevenueArs);
        // The incident figures equal SQL over the raw incidents table, written out here for the report's (start, end].
        var (opened, resolved) = await RawIncidentsAsync(period);
        Assert.Equal([(double?)opened, resolved], new[] { ReportFigureKeys.IncidentsOpened, ReportFigureKeys.IncidentsResolved }.Select(k => content.Figure(k)!.Value));
        Assert.NotNull(content.Incidents);
        Assert.Equal(opened, content.Incidents!.Incidents.Count(i => i.OpenedInPeriod));
        // Prometheus's figures, the alerts, the three booking queries and the incidents'.
        Assert.Equal(expected.Count + 1 + 3 + 1, content.Queries.Count(q => q.Period == "current"));

        // The charts kept with the report: the requests/s line's newest value equals the charts' PromQL, written out
        // here with the charts' rate window at a 5-minute step, evaluated at that step's instant.
        Assert.Equal(["throughput", "latency", "errors", "pods"], content.Charts!.Select(c => c.Key));
        Assert.All(content.Charts!, c => Assert.Null(c.Error));
        var throughput = content.Charts!.Single(c => c.Key == "throughput");
        var line = throughput.Current!;
        var newest = Enumerable.Range(0, line.Values.Count).Last(i => line.Values[i] is not null);
        var chartRate = PromQl.FormatDuration(RangeStep.RateWindow(TimeSpan.FromMinutes(5),
            factory.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<PanelQueryOptions>>().Value.ScrapeInterval));
        Assert.Equal(Math.Round(await QueryAsync(http, $"sum(rate({Total}[{chartRate}]))", throughput.TimeOf(line, newest)), 4), line.Values[newest]);
    }

    private async Task<(long Opened, long Resolved)> RawIncidentsAsync(ReportPeriod period)
    {
        await using var connection = new NpgsqlConnection(factory.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT count(*) FILTER (WHERE opened_at > $1 AND opened_at <= $2),
                   count(*) FILTER (WHERE status = 'resolved' AND resolved_at > $1 AND resolved_at <= $2)
              FROM dashboard.incidents
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = period.Start.UtcDateTime });
        command.Parameters.Add(new NpgsqlParameter { Value = period.End.UtcDateTime });
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    private async Task WaitForBookingAggregatesAsync()
    {
        var reader = factory.Services.GetRequiredService<BookingFiguresReader>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while ((reader.Latest?.BookingsToday ?? 0) < 2)
        {
            await Task.Delay(100, timeout.Token);
        }
    }

    private async Task<(long Created, long Completed, long Finished, decimal Revenue)> RawBookingsAsync(ReportPeriod period)
    {
        await using var connection = new NpgsqlConnection(factory.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT (SELECT count(*) FROM booking.bookings WHERE created_at >= @from AND created_at < @to),
                   count(*) FILTER (WHERE status = 'completed'),
                   count(*) FILTER (WHERE status IN ('completed', 'cancelled', 'no_show')),
                   coalesce(sum(price_ars) FILTER (WHERE status = 'completed'), 0)
            FROM booking.bookings WHERE starts_at >= @from AND starts_at < @to
            """, connection);
        command.Parameters.AddWithValue("from", ArgentinaTime.StartOfDay(period.FirstDay).UtcDateTime);
        command.Parameters.AddWithValue("to", ArgentinaTime.StartOfDay(period.LastDay.AddDays(1)).UtcDateTime);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetDecimal(3));
    }

    private static async Task<Dictionary<string, double>> SeriesAsync(HttpClient http, string query, DateTimeOffset at)
    {
        var url = "/api/v1/query?query=" + Uri.EscapeDataString(query) + "&time=" + at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var json = JsonDocument.Parse(await http.GetStringAsync(url));
        return json.RootElement.GetProperty("data").GetProperty("result").EnumerateArray().ToDictionary(
            s => s.GetProperty("metric").GetProperty("alertname").GetString()!,
            s => double.Parse(s.GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture));
    }

    private static async Task<int> SeriesCountAsync(HttpClient http, string query, DateTimeOffset at)
    {
        var url = "/api/v1/query?query=" + Uri.EscapeDataString(query) + "&time=" + at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var json = JsonDocument.Parse(await http.GetStringAsync(url));
        return json.RootElement.GetProperty("data").GetProperty("result").GetArrayLength();
    }

    private static async Task<double> QueryAsync(HttpClient http, string query, DateTimeOffset at)
    {
        var url = "/api/v1/query?query=" + Uri.EscapeDataString(query) + "&time=" + at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var json = JsonDocument.Parse(await http.GetStringAsync(url));
        var result = json.RootElement.GetProperty("data").GetProperty("result");
        Assert.True(result.GetArrayLength() == 1, $"{query}: {result.GetArrayLength()} series");
        return double.Parse(result[0].GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture);
    }
}
