using BarberPro.Core.Bookings;
using BarberPro.Core.Charts;
using BarberPro.Core.Checklists;
using BarberPro.Core.Costs;
using BarberPro.Core.Incidents;
using BarberPro.Core.Live;
using BarberPro.Core.Prometheus;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace BarberPro.Core.Reports;

/// <summary>
/// Measures every figure of a report for a period and for the previous one: the panels' PromQL evaluated at the
/// period's end with the period as its window, the booking aggregates per Argentina day, the checklist runs of the
/// period, the incidents opened or resolved in it (<see cref="ReportIncidents"/>). A source that does not answer leaves
/// its figures as "no data" with the reason in <see cref="ReportContent.Problems"/>; nothing is ever written as 0 for
/// lack of data. Singleton: it holds no state.
/// </summary>
public sealed partial class ReportGatherer(
    PrometheusClient prometheus,
    PanelQueryCatalog catalog,
    NpgsqlDataSource dashboard,
    BookingDatabase bookingDatabase,
    ChecklistStore checklists,
    IncidentStore incidents,
    IOptions<LiveOptions> live,
    IOptions<BookingOptions> bookingOptions,
    IOptions<CostModelOptions> costModel,
    IOptions<PanelQueryOptions> panelQueries,
    ILogger<ReportGatherer> logger) : IReportSource
{
    private const string Current = "current";
    private const string Earlier = "previous";

    public async Task<ReportContent> GatherAsync(ReportPeriod period, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(period);
        var problems = new List<string>();
        var queries = new List<ReportQuery>();
        if (period.ScheduledAt is not null && bookingDatabase.IsConfigured && !await BookingAggregatesReadyAsync(cancellationToken))
        {
            // A scheduled report is stored for good: rather than keep one without its booking figures because the
            // aggregates are still being built (a dashboard's first start), it waits; the scheduler tries again.
            throw new BookingAggregatesNotReadyException();
        }

        var charts = ReadChartsAsync(period, cancellationToken);
        var promNow = await ReadPrometheusAsync(period, Current, queries, problems, cancellationToken);
        var promBefore = await ReadPrometheusAsync(period.Previous, Earlier, queries, problems, cancellationToken);
        var bookNow = await ReadBookingsAsync(period, Current, queries, problems, cancellationToken);
        var bookBefore = await ReadBookingsAsync(period.Previous, Earlier, queries, problems, cancellationToken);
        var checkNow = await ReadChecklistsAsync(period, problems, cancellationToken);
        var checkBefore = await ReadChecklistsAsync(period.Previous, problems, cancellationToken);
        var incidentsNow = await ReadIncidentsAsync(period, Current, queries, problems, cancellationToken);
        var incidentsBefore = await ReadIncidentsAsync(period.Previous, Earlier, queries, problems, cancellationToken);

        var t = live.Value.Thresholds;
        var b = bookingOptions.Value;
        var figures = new List<ReportFigure>();

        void Add(string key, string group, string label, string unit, double? now, double? before, string? target = null, Func<double, bool>? pass = null) =>
            figures.Add(new ReportFigure(key, group, label, unit, now, before, target, now is { } v && pass is not null ? pass(v) : null));

        double? P(Dictionary<string, double?> d, string key) => d.TryGetValue(key, out var v) ? v : null;

        Add(ReportFigureKeys.Availability, "Availability", "Availability (success ratio)", ReportUnits.Ratio,
            P(promNow, ReportFigureKeys.Availability), P(promBefore, ReportFigureKeys.Availability),
            "≥ " + FigureFormat.Percent(t.SlaTarget, 1), v => v >= t.SlaTarget);
        Add(ReportFigureKeys.ErrorBudgetSpent, "Availability", "Error budget spent", ReportUnits.Ratio,
            BudgetSpent(P(promNow, ReportFigureKeys.Availability), t.SlaTarget), BudgetSpent(P(promBefore, ReportFigureKeys.Availability), t.SlaTarget),
            "≤ 100 %", v => v <= 1);
        Add(ReportFigureKeys.LatencyAverage, "Latency", "Latency average", ReportUnits.Milliseconds,
            Ms(P(promNow, ReportFigureKeys.LatencyAverage)), Ms(P(promBefore, ReportFigureKeys.LatencyAverage)),
            "≤ " + FigureFormat.Milliseconds(t.LatencyAverageMs), v => v <= t.LatencyAverageMs);
        Add(ReportFigureKeys.LatencyP95, "Latency", "Latency p95", ReportUnits.Milliseconds,
            Ms(P(promNow, ReportFigureKeys.LatencyP95)), Ms(P(promBefore, ReportFigureKeys.LatencyP95)),
            "≤ " + FigureFormat.Milliseconds(t.LatencyP95Ms), v => v <= t.LatencyP95Ms);
        Add(ReportFigureKeys.LatencyP99, "Latency", "Latency p99", ReportUnits.Milliseconds,
            Ms(P(promNow, ReportFigureKeys.LatencyP99)), Ms(P(promBefore, ReportFigureKeys.LatencyP99)),
            "≤ " + FigureFormat.Milliseconds(t.LatencyP99Ms), v => v <= t.LatencyP99Ms);
        Add(ReportFigureKeys.RequestsAverage, "Throughput", "Requests/s average", ReportUnits.RequestsPerSecond,
            P(promNow, ReportFigureKeys.RequestsAverage), P(promBefore, ReportFigureKeys.RequestsAverage));
        Add(ReportFigureKeys.RequestsPeak, "Throughput", "Requests/s peak", ReportUnits.RequestsPerSecond,
            P(promNow, ReportFigureKeys.RequestsPeak), P(promBefore, ReportFigureKeys.RequestsPeak),
            "≤ " + FigureFormat.Rate(t.PeakRps), v => v <= t.PeakRps);
        Add(ReportFigureKeys.ErrorRatio, "Errors", "5xx ratio", ReportUnits.Ratio,
            P(promNow, ReportFigureKeys.ErrorRatio), P(promBefore, ReportFigureKeys.ErrorRatio),
            "≤ " + FigureFormat.Percent(t.ErrorRatioTarget, 1), v => v <= t.ErrorRatioTarget);
        Add(ReportFigureKeys.PodsMin, "Scaling", "Pods minimum", ReportUnits.Pods, P(promNow, ReportFigureKeys.PodsMin), P(promBefore, ReportFigureKeys.PodsMin));
        Add(ReportFigureKeys.PodsMax, "Scaling", "Pods maximum", ReportUnits.Pods, P(promNow, ReportFigureKeys.PodsMax), P(promBefore, ReportFigureKeys.PodsMax));
        Add(ReportFigureKeys.PodsAverage, "Scaling", "Pods average", ReportUnits.Pods, P(promNow, ReportFigureKeys.PodsAverage), P(promBefore, ReportFigureKeys.PodsAverage));
        Add(ReportFigureKeys.ScaleEvents, "Scaling", "Scale events", ReportUnits.Count, P(promNow, ReportFigureKeys.ScaleEvents), P(promBefore, ReportFigureKeys.ScaleEvents));

        var alertsNow = AlertsOf(queries, Current);
        var alertsBefore = AlertsOf(queries, Earlier);
        Add(ReportFigureKeys.AlertsFired, "Alerts", "Alerts fired", ReportUnits.Count,
            alertsNow?.Count, alertsBefore?.Count, "0", v => v == 0);
        Add(ReportFigureKeys.AlertMinutes, "Alerts", "Minutes with an alert firing (sum)", ReportUnits.Minutes,
            alertsNow?.Sum(a => a.FiringMinutes), alertsBefore?.Sum(a => a.FiringMinutes));
        figures.AddRange(ReportIncidents.Figures(incidentsNow.Period, incidentsBefore.Period));

        var costNow = ComputeCost(P(promNow, ReportFigureKeys.PodsAverage), period.Length);
        var costBefore = ComputeCost(P(promBefore, ReportFigureKeys.PodsAverage), period.Previous.Length);
        Add(ReportFigureKeys.ComputeCost, "Cost", "Compute cost estimate", ReportUnits.Usd, costNow, costBefore);
        Add(ReportFigureKeys.CostPerBooking, "Cost", "Compute cost per booking", ReportUnits.Usd,
            PerBooking(costNow, bookNow?.Created), PerBooking(costBefore, bookBefore?.Created));

        Add(ReportFigureKeys.Bookings, "Bookings", "Bookings made", ReportUnits.Count, bookNow?.Created, bookBefore?.Created);
        Add(ReportFigureKeys.CompletionRate, "Bookings", "Completion rate", ReportUnits.Ratio,
            bookNow?.CompletionRate, bookBefore?.CompletionRate, "≥ " + FigureFormat.Percent(b.CompletionRateTarget, 1), v => v >= b.CompletionRateTarget);
        Add(ReportFigureKeys.PaymentSuccess, "Bookings", "Payment success", ReportUnits.Ratio,
            bookNow?.PaymentSuccess, bookBefore?.PaymentSuccess, "≥ " + FigureFormat.Percent(b.PaymentSuccessTarget, 1), v => v >= b.PaymentSuccessTarget);
        Add(ReportFigureKeys.Revenue, "Bookings", "Revenue (completed appointments)", ReportUnits.Ars,
            (double?)bookNow?.RevenueArs, (double?)bookBefore?.RevenueArs);

        Add(ReportFigureKeys.ChecklistCompletion, "Checklists", "Checklist completion", ReportUnits.Ratio,
            checkNow?.Completion, checkBefore?.Completion, "100 %", v => v >= 1);
        Add(ReportFigureKeys.ChecklistOpen, "Checklists", "Checklist items left open", ReportUnits.Count,
            checkNow?.Open.Count, checkBefore?.Open.Count);
        Add(ReportFigureKeys.ChecklistOverdue, "Checklists", "Checklist items overdue", ReportUnits.Count,
            checkNow?.Open.Count(i => i.Overdue), checkBefore?.Open.Count(i => i.Overdue), "0", v => v == 0);

        var incidentSection = incidentsNow.Period is { } read ? ReportIncidents.Section(period, read) : new ReportIncidentSection([], incidentsNow.Error);
        return new ReportContent(figures, bookNow?.Cities ?? [], alertsNow ?? [], checkNow?.Open ?? [], queries, [.. problems.Distinct(StringComparer.Ordinal)],
            await charts, incidentSection);
    }

    /// <summary>
    /// The charts kept with the report (<see cref="ReportChartPlan"/>): one range query per chart and period, run while
    /// the figures are read. A query that fails leaves its chart empty with the reason; the figures do not depend on it.
    /// </summary>
    private async Task<IReadOnlyList<ReportChart>> ReadChartsAsync(ReportPeriod period, CancellationToken cancellationToken)
    {
        var scrape = panelQueries.Value.ScrapeInterval;
        var window = ReportChartPlan.Window(period, scrape);
        var previous = ReportChartPlan.Window(period.Previous, scrape);
        var targets = live.Value.Thresholds;
        return await Task.WhenAll(ReportChartPlan.Charts.Select(async entry =>
        {
            var line = entry.Line;
            var query = ChartQueries.Render(catalog, line, window);
            try
            {
                var answers = await Task.WhenAll(
                    prometheus.QueryRangeAsync(query, window, cancellationToken),
                    prometheus.QueryRangeAsync(ChartQueries.Render(catalog, line, previous), previous, cancellationToken));
                var lines = new List<ReportChartLine>
                {
                    new(line.Name, ReportChartLine.CurrentPeriod, Values(answers[0], window, line.Scale)),
                    new(ReportChartPlan.PreviousName(line.Name, period), ReportChartLine.PreviousPeriod, Values(answers[1], previous, line.Scale)),
                };
                return new ReportChart(entry.Key, entry.Title, entry.Unit, window.Start, window.End, previous.Start,
                    (int)window.Step.TotalSeconds, lines, entry.Targets(targets), null);
            }
            catch (PrometheusException ex)
            {
                LogSourceFailed("prometheus range", ex.Message);
                return new ReportChart(entry.Key, entry.Title, entry.Unit, window.Start, window.End, previous.Start,
                    (int)window.Step.TotalSeconds, [], entry.Targets(targets), "Prometheus did not answer: " + ex.Message);
            }
        }));
    }

    /// <summary>One value per step of <paramref name="window"/> in the chart's unit; null where Prometheus had none.</summary>
    private static double?[] Values(PrometheusMatrix matrix, RangeWindow window, double scale) =>
        [.. ChartSeriesCache.Fill(matrix.Series.FirstOrDefault()?.Points ?? [], window, scale).Select(p => p.Value)];

    /// <summary>Share of the period's error budget used: (1 − availability) / (1 − SLA).</summary>
    public static double? BudgetSpent(double? availability, double sla) => availability is { } a ? (1 - a) / (1 - sla) : null;

    private static double? Ms(double? seconds) => seconds * 1000;

    private double? ComputeCost(double? averagePods, TimeSpan length)
    {
        if (averagePods is not { } pods)
        {
            return null;
        }
        var hours = length.TotalHours;
        return (double)new ComputeEstimate(pods * hours, hours, hours, costModel.Value.EffectivePricePerPodHourUsd).ObservedSpendUsd;
    }

    private static double? PerBooking(double? cost, long? bookings) =>
        cost is { } c && bookings is { } n && n > 0 ? Math.Round(c / n, 4) : null;

    private static List<ReportAlert>? AlertsOf(List<ReportQuery> queries, string period)
    {
        var query = queries.FirstOrDefault(q => q.Key == ReportFigureKeys.AlertMinutes && q.Period == period);
        return query is null || query.Error is not null
            ? null
            : [.. query.Values.Select(v => new ReportAlert(v.Label ?? "?", v.Value)).OrderByDescending(a => a.FiringMinutes).ThenBy(a => a.Name, StringComparer.Ordinal)];
    }

    private async Task<Dictionary<string, double?>> ReadPrometheusAsync(ReportPeriod period, string which, List<ReportQuery> queries,
        List<string> problems, CancellationToken cancellationToken)
    {
        var values = new Dictionary<string, double?>(StringComparer.Ordinal);
        var tasks = ReportQueries.Prometheus.Select(async q =>
        {
            var text = catalog.Render(q.CatalogKey, ReportQueries.Arguments(q, period.Length, catalog.InstantRateWindow));
            try
            {
                var vector = await prometheus.QueryVectorAsync(text, period.End, cancellationToken);
                var answer = vector.Series
                    .Where(s => double.IsFinite(s.Sample.Value))
                    .Select(s => new ReportQueryValue(s.Labels.TryGetValue("alertname", out var name) ? name : null, s.Sample.Value))
                    .ToList();
                return new ReportQuery(q.FigureKey, which, "prometheus", text, period.End, answer, null);
            }
            catch (PrometheusException ex)
            {
                LogSourceFailed("prometheus", ex.Message);
                return new ReportQuery(q.FigureKey, which, "prometheus", text, period.End, [], ex.Message);
            }
        }).ToList();

        foreach (var query in await Task.WhenAll(tasks))
        {
            queries.Add(query);
            values[query.Key] = query.Error is null && query.Values.Count == 1 && query.Values[0].Label is null ? query.Values[0].Value : null;
        }
        var failed = queries.Where(q => q.Period == which && q.Source == "prometheus" && q.Error is not null).ToList();
        if (failed.Count > 0)
        {
            problems.Add($"Prometheus did not answer {failed.Count} of {ReportQueries.Prometheus.Count} queries for the {which} period: {failed[0].Error}");
        }
        return values;
    }

    private sealed record BookingTotals(long Created, long Completed, long Finished, decimal RevenueArs, long Succeeded, long Failed, IReadOnlyList<ReportCity> Cities)
    {
        public double? CompletionRate => Finished > 0 ? (double)Completed / Finished : null;

        public double? PaymentSuccess => Succeeded + Failed > 0 ? (double)Succeeded / (Succeeded + Failed) : null;
    }

    private async Task<bool> BookingAggregatesReadyAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await dashboard.OpenConnectionAsync(cancellationToken);
            return await BookingFiguresReader.AggregatesReadyAsync(connection, cancellationToken);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            // Unreadable now: the report says so below, as for any source that does not answer.
            return true;
        }
    }

    private async Task<BookingTotals?> ReadBookingsAsync(ReportPeriod period, string which, List<ReportQuery> queries, List<string> problems,
        CancellationToken cancellationToken)
    {
        if (!bookingDatabase.IsConfigured)
        {
            if (which == Current)
            {
                problems.Add(BookingDatabase.NotConfiguredMessage);
            }
            return null;
        }
        try
        {
            await using var connection = await dashboard.OpenConnectionAsync(cancellationToken);
            if (!await BookingFiguresReader.AggregatesReadyAsync(connection, cancellationToken))
            {
                problems.Add(new BookingAggregatesNotReadyException().Message);
                return null;
            }
            long created, completed, finished, succeeded, failed;
            decimal revenue;
            await using (var command = Command(ReportQueries.BookingsSql, connection, period))
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                await reader.ReadAsync(cancellationToken);
                (created, completed, finished, revenue) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetDecimal(3));
            }
            await using (var command = Command(ReportQueries.PaymentsSql, connection, period))
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                await reader.ReadAsync(cancellationToken);
                (succeeded, failed) = (reader.GetInt64(0), reader.GetInt64(1));
            }
            var cities = new List<ReportCity>();
            await using (var command = Command(ReportQueries.CitiesSql, connection, period))
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    cities.Add(new ReportCity(reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetDecimal(3)));
                }
            }
            queries.Add(new ReportQuery(ReportQueries.BookingsKey, which, "sql", ReportQueries.BookingsSql, null,
                [new("created", created), new("completed", completed), new("finished", finished), new("revenue_ars", (double)revenue)], null));
            queries.Add(new ReportQuery(ReportQueries.PaymentsKey, which, "sql", ReportQueries.PaymentsSql, null,
                [new("succeeded", succeeded), new("failed", failed)], null));
            queries.Add(new ReportQuery(ReportQueries.CitiesKey, which, "sql", ReportQueries.CitiesSql, null,
                [.. cities.Select(c => new ReportQueryValue(c.City, (double)c.RevenueArs))], null));
            return new BookingTotals(created, completed, finished, revenue, succeeded, failed, cities);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            LogSourceFailed("bookings", ex.Message);
            problems.Add($"The booking aggregates could not be read for the {which} period: {ex.Message}");
            return null;
        }
    }

    private static NpgsqlCommand Command(string sql, NpgsqlConnection connection, ReportPeriod period)
    {
        var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new NpgsqlParameter<DateOnly>("first_day", NpgsqlDbType.Date) { TypedValue = period.FirstDay });
        command.Parameters.Add(new NpgsqlParameter<DateOnly>("last_day", NpgsqlDbType.Date) { TypedValue = period.LastDay });
        return command;
    }

    private sealed record ChecklistTotals(double? Completion, IReadOnlyList<ReportOpenItem> Open);

    private async Task<ChecklistTotals?> ReadChecklistsAsync(ReportPeriod period, List<string> problems, CancellationToken cancellationToken)
    {
        try
        {
            // Daily reports look at that day's daily run; weekly ones at the week's run and the daily runs inside it.
            var runs = (await checklists.GetHistoryAsync(60, cancellationToken))
                .Where(r => r.Period.Start <= period.LastDay && r.Period.End >= period.FirstDay)
                .Where(r => period.Kind is ReportKind.WorkWeek or ReportKind.Week || r.Period.Cadence == ChecklistCadence.Daily)
                .ToList();
            if (runs.Count == 0)
            {
                return null;
            }
            var open = new List<ReportOpenItem>();
            foreach (var summary in runs.OrderBy(r => r.Period.Start).ThenBy(r => r.Period.Cadence))
            {
                if (await checklists.GetRunAsync(summary.Id, cancellationToken) is not { } run)
                {
                    continue;
                }
                var name = run.Title + " " + run.Period.Start.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
                foreach (var section in run.Sections)
                {
                    var due = ChecklistSchedule.DueAt(run.Period, section.DueTime, section.Weekday);
                    open.AddRange(section.Items.Where(i => !i.Ticked).Select(i => new ReportOpenItem(name, section.Title, i.Title, due <= period.End)));
                }
            }
            var total = runs.Sum(r => r.Total);
            return new ChecklistTotals(total > 0 ? (double)runs.Sum(r => r.Ticked) / total : null, open);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or ChecklistUnavailableException)
        {
            LogSourceFailed("checklists", ex.Message);
            problems.Add("The checklists could not be read: " + ex.Message);
            return null;
        }
    }

    /// <summary>The incidents of the period from the incident store (null with the reason when the database did not answer).</summary>
    private async Task<(IncidentPeriod? Period, string? Error)> ReadIncidentsAsync(ReportPeriod period, string which, List<ReportQuery> queries,
        List<string> problems, CancellationToken cancellationToken)
    {
        try
        {
            var read = await incidents.GetPeriodAsync(period.Start, period.End, cancellationToken);
            List<ReportQueryValue> values = [new("opened", read.Opened), new("resolved", read.Resolved)];
            if (read.MeanTimeToResolve is { } mean)
            {
                values.Add(new("mean_time_to_resolve_s", mean.TotalSeconds));
            }
            queries.Add(new ReportQuery(ReportQueries.IncidentsKey, which, "sql", IncidentStore.PeriodSql, null, values, null));
            return (read, null);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            LogSourceFailed("incidents", ex.Message);
            var error = $"The incidents could not be read for the {which} period: {ex.Message}";
            problems.Add(error);
            return (null, error);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Report source {Source} failed: {Error}")]
    private partial void LogSourceFailed(string source, string error);
}
