using BarberPro.Core.Costs;
using BarberPro.Core.Live;
using Microsoft.Extensions.Options;

namespace BarberPro.Core.Bookings;

/// <summary>
/// The "bookings" panel: business figures of the booking database, read by the live poller every
/// <see cref="BookingOptions.Interval"/> (5 s by default) from the dashboard's own aggregates of it, and carried in the
/// same snapshot as the technical panels. Without a booking database the panel says so and shows no figure; before the
/// aggregates' first catch-up it says they are being built. Singleton.
/// </summary>
public sealed class BookingPanelSource(BookingFiguresReader reader, IOptions<BookingOptions> options) : IPanelSource
{
    public const string PanelKey = "bookings";

    /// <summary>
    /// A business rate up to one percentage point under its target is a warning, further below it is critical: a
    /// booking flow at 99.7 % against 99.8 % deserves a look, not an alarm.
    /// </summary>
    public const double BusinessRateWarningBand = 0.01;

    private readonly BookingOptions _options = options.Value;

    public string Key => PanelKey;

    public string Title => "Bookings";

    public TimeSpan? Interval => _options.Interval;

    public async Task<PanelReading> ReadAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!reader.IsConfigured)
        {
            throw new PanelDataException(BookingDatabase.NotConfiguredMessage);
        }
        var figures = await reader.ReadAsync(cancellationToken);
        return new PanelReading(now, Figures(figures, _options));
    }

    /// <summary>The panel's figures; public so the bookings page and tests show the very same text.</summary>
    public static IReadOnlyList<Figure> Figures(BookingFigures f, BookingOptions options)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(options);
        var window = $"last {f.Periods.WindowDays} d";
        var completion = f.CompletionRate;
        var payments = f.PaymentSuccessRate;
        var busiest = f.BusiestHour;
        return
        [
            new Figure("today", "Bookings made today", f.BookingsToday, "bookings", Money.CountAr(f.BookingsToday) + " bookings", Level.Ok, "ART day"),
            new Figure("week", "Bookings this week", f.BookingsThisWeek, "bookings", Money.CountAr(f.BookingsThisWeek) + " bookings", Level.Ok,
                "since Monday " + f.Periods.WeekStart.ToString("d MMM", System.Globalization.CultureInfo.InvariantCulture)),
            new Figure("completion", "Completion rate (" + window + ")", completion, "ratio",
                completion is { } c ? FigureFormat.Percent(c, 1) : FigureFormat.NoData,
                Judge.AtLeast(completion, options.CompletionRateTarget, options.CompletionRateTarget - BusinessRateWarningBand), "≥ " + FigureFormat.Percent(options.CompletionRateTarget, 1)),
            new Figure("payments", "Payment success (" + window + ")", payments, "ratio",
                payments is { } p ? FigureFormat.Percent(p, 1) : FigureFormat.NoData,
                Judge.AtLeast(payments, options.PaymentSuccessTarget, options.PaymentSuccessTarget - BusinessRateWarningBand), "≥ " + FigureFormat.Percent(options.PaymentSuccessTarget, 1)),
            new Figure("activeUsers", "Active users this month", f.ActiveUsersThisMonth, "users", Money.CountAr(f.ActiveUsersThisMonth) + " users", Level.Ok,
                "customers who booked"),
            new Figure("revenueMonth", "Revenue this month", (double)f.RevenueThisMonthArs, "ars", Money.Ars(f.RevenueThisMonthArs, 0) + " ARS", Level.Ok,
                "completed appointments"),
            new Figure("busiestHour", "Busiest hour (" + window + ")", busiest?.Hour, "hour",
                busiest is { } h ? $"{h.Hour:00}:00–{(h.Hour + 1) % 24:00}:00 ART" : FigureFormat.NoData, busiest is null ? Level.Unknown : Level.Ok,
                busiest is { } b ? Money.CountAr(b.Appointments) + " appointments" : null),
        ];
    }
}
