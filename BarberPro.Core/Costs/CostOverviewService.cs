using BarberPro.Core.Bookings;
using BarberPro.Core.Live;
using BarberPro.Core.Prometheus;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using BarberPro.Core.Time;

namespace BarberPro.Core.Costs;

/// <summary>What the cost page shows for one month. Figures whose source did not answer are null, with the reason.</summary>
public sealed record CostOverview(
    DateOnly Month,
    DateOnly CurrentMonth,
    IReadOnlyList<CostMonth> Months,
    CostMonth Selected,
    IReadOnlyDictionary<string, decimal> Baseline,
    IReadOnlyList<UsdArsRate> Rates,
    UsdArsRate? MonthRate,
    BookingMonth? Bookings,
    string? BookingsProblem,
    double? AverageRps,
    double? AveragePods,
    string? PrometheusProblem,
    double SecondsInMonth,
    ComputeEstimate? Compute,
    IReadOnlyList<UnitFigure> UnitEconomics,
    IReadOnlyList<CostEntryChange> Changes)
{
    public decimal? BaselineTotal => Baseline.TryGetValue("Total", out var total) ? total : null;

    /// <summary>Reduction against the baseline as a fraction (0.47 = 47 % lower); null without a baseline.</summary>
    public double? Reduction => BaselineTotal is { } b && b > 0 ? (double)((b - Selected.TotalUsd) / b) : null;

    public decimal? ToArs(decimal usd, DateOnly month) =>
        ExchangeRates.ForMonth(Rates, month) is { } rate ? ExchangeRates.ToArs(usd, rate) : null;
}

/// <summary>What the booking database and Prometheus say about a month: null figures with the reason where a source did not answer.</summary>
public sealed record CostActivity(BookingMonth? Bookings, string? BookingsProblem, double? AverageRps, double? AveragePods, string? PrometheusProblem);

/// <summary>Reads a month's activity for the unit economics (an interface so that component tests can stand in for the sources).</summary>
public interface ICostActivitySource
{
    /// <param name="month">The month (first day).</param>
    /// <param name="start">Its first instant.</param>
    /// <param name="evaluateAt">Its end, or now while it runs.</param>
    Task<CostActivity> ReadAsync(DateOnly month, DateTimeOffset start, DateTimeOffset evaluateAt, CancellationToken cancellationToken);
}

/// <summary>
/// Builds the cost page: entries from the dashboard database, activity from <see cref="ICostActivitySource"/>. A source
/// that does not answer leaves its figures empty with the reason; the page still renders. Scoped; it holds no state.
/// </summary>
public sealed class CostOverviewService(
    ICostStore store,
    ICostActivitySource activity,
    IOptions<CostModelOptions> costModel,
    TimeProvider time)
{
    public DateOnly CurrentMonth()
    {
        var today = ArgentinaTime.DateOf(time.GetUtcNow());
        return new DateOnly(today.Year, today.Month, 1);
    }

    /// <summary>The latest month an entry may be made for: a year ahead.</summary>
    public DateOnly LatestMonth() => CurrentMonth().AddMonths(12);

    public async Task<CostOverview> BuildAsync(DateOnly month, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var current = CurrentMonth();
        var monthsTask = store.GetMonthsAsync(cancellationToken);
        var baselineTask = store.GetBaselineAsync(cancellationToken);
        var ratesTask = store.GetRatesAsync(cancellationToken);
        var changesTask = store.GetChangesAsync(15, cancellationToken);

        var start = ArgentinaTime.StartOfDay(month);
        var end = ArgentinaTime.StartOfDay(month.AddMonths(1));
        var secondsInMonth = (end - start).TotalSeconds;
        var evaluateAt = end < now ? end : now;
        var activityTask = activity.ReadAsync(month, start, evaluateAt, cancellationToken);

        var months = await monthsTask;
        var selected = months.FirstOrDefault(m => m.Month == month) ?? new CostMonth(month, []);
        var rates = await ratesTask;
        var read = await activityTask;

        ComputeEstimate? compute = null;
        if (read.AveragePods is { } p && evaluateAt > start)
        {
            var observed = (evaluateAt - start).TotalHours;
            var price = costModel.Value.EffectivePricePerPodHourUsd;
            compute = new ComputeEstimate(p * observed, observed, secondsInMonth / 3600, price);
        }

        var unit = UnitEconomics.Compute(new UnitEconomicsInputs(selected.TotalUsd, read.Bookings?.ActiveUsers, read.AverageRps, secondsInMonth, read.Bookings?.Completed));
        return new CostOverview(month, current, months, selected, await baselineTask, rates, ExchangeRates.ForMonth(rates, month),
            read.Bookings, read.BookingsProblem, read.AverageRps, read.AveragePods, read.PrometheusProblem, secondsInMonth, compute, unit, await changesTask);
    }
}

/// <summary>
/// A month's active users and completed bookings from the booking database, and its mean request rate and pod count
/// from Prometheus. Scoped; it holds no state.
/// </summary>
public sealed partial class CostActivityReader(
    BookingFiguresReader bookings,
    PrometheusClient prometheus,
    PanelQueryCatalog catalog,
    ILogger<CostActivityReader> logger) : ICostActivitySource
{
    public async Task<CostActivity> ReadAsync(DateOnly month, DateTimeOffset start, DateTimeOffset evaluateAt, CancellationToken cancellationToken)
    {
        var bookingTask = ReadBookingsAsync(month, cancellationToken);
        var (rps, pods, prometheusProblem) = await ReadPrometheusAsync(start, evaluateAt, cancellationToken);
        var (booking, bookingProblem) = await bookingTask;
        return new CostActivity(booking, bookingProblem, rps, pods, prometheusProblem);
    }
    private async Task<(BookingMonth?, string?)> ReadBookingsAsync(DateOnly month, CancellationToken cancellationToken)
    {
        if (!bookings.IsConfigured)
        {
            return (null, BookingDatabase.NotConfiguredMessage);
        }
        try
        {
            return (await bookings.ReadMonthAsync(month, cancellationToken), null);
        }
        catch (BookingAggregatesNotReadyException ex)
        {
            return (null, ex.Message);
        }
        catch (Exception ex) when (ex is Npgsql.NpgsqlException or TimeoutException or InvalidOperationException)
        {
            LogSourceFailed("bookings", ex.Message);
            return (null, "The booking database did not answer: " + ex.Message);
        }
    }

    private async Task<(double?, double?, string?)> ReadPrometheusAsync(DateTimeOffset start, DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (at <= start)
        {
            return (null, null, "The month has not started.");
        }
        // Whole minutes: PromQL durations have no fractions.
        var window = TimeSpan.FromMinutes(Math.Max(5, Math.Floor((at - start).TotalMinutes)));
        try
        {
            var rps = ValueAsync(PanelQueryKeys.RequestsPerSecondAverage, new PanelQueryArguments { Rate = catalog.InstantRateWindow, Window = window }, at, cancellationToken);
            var pods = ValueAsync(PanelQueryKeys.PodsAverage, new PanelQueryArguments { Window = window }, at, cancellationToken);
            var (r, p) = (await rps, await pods);
            return (r, p, r is null || p is null ? "Prometheus holds no samples for part of this month's figures." : null);
        }
        catch (PrometheusException ex)
        {
            LogSourceFailed("prometheus", ex.Message);
            return (null, null, "Prometheus did not answer: " + ex.Message);
        }
    }

    private Task<double?> ValueAsync(string key, PanelQueryArguments arguments, DateTimeOffset at, CancellationToken cancellationToken) =>
        prometheus.QueryValueAsync(catalog, key, arguments, at, cancellationToken);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cost page source {Source} failed: {Error}")]
    private partial void LogSourceFailed(string source, string error);
}
