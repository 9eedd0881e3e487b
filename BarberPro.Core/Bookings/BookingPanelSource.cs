using BarberPro.Core.Live;
using BarberPro.Core.Text;
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
            throw new PanelDataException(Phrase.Of("Live_BookingsNotConfigured", BookingDatabase.NotConfiguredMessage));
        }
        try
        {
            var figures = await reader.ReadAsync(cancellationToken);
            return new PanelReading(now, Figures(figures, _options));
        }
        catch (BookingAggregatesNotReadyException)
        {
            throw new PanelDataException(Phrase.Of("Live_BookingsBeingBuilt", BookingAggregatesNotReadyException.Text));
        }
    }

    /// <summary>The panel's figures, said in phrases so that each language's view words them (numbers the reader's way).</summary>
    public static IReadOnlyList<Figure> Figures(BookingFigures f, BookingOptions options)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(options);
        var days = new Num(f.Periods.WindowDays, "0");
        var completion = f.CompletionRate;
        var payments = f.PaymentSuccessRate;
        var busiest = f.BusiestHour;
        Phrase Count(string key, string english, double value) => Phrase.Of(key, english, new Num(value, "N0"));
        return
        [
            Figure.Said("today", Phrase.Of("Live_Bk_Today", "Bookings made today"), f.BookingsToday, "bookings",
                Count("Live_Bk_Bookings", "{0} bookings", f.BookingsToday), Level.Ok, Phrase.Of("Live_Bk_ArtDay", "ART day")),
            Figure.Said("week", Phrase.Of("Live_Bk_Week", "Bookings this week"), f.BookingsThisWeek, "bookings",
                Count("Live_Bk_Bookings", "{0} bookings", f.BookingsThisWeek), Level.Ok,
                Phrase.Of("Live_Bk_SinceMonday", "since Monday {0}", Phrase.Text(f.Periods.WeekStart.ToString("dd/MM", System.Globalization.CultureInfo.InvariantCulture)))),
            Figure.Said("completion", Phrase.Of("Live_Bk_Completion", "Completion rate (last {0} d)", days), completion, "ratio",
                completion is { } c ? Says.Percent(c, 1) : Says.NoData,
                Judge.AtLeast(completion, options.CompletionRateTarget, options.CompletionRateTarget - BusinessRateWarningBand),
                Phrase.Numbers("≥ {0}", Says.Percent(options.CompletionRateTarget, 1))),
            Figure.Said("payments", Phrase.Of("Live_Bk_Payments", "Payment success (last {0} d)", days), payments, "ratio",
                payments is { } p ? Says.Percent(p, 1) : Says.NoData,
                Judge.AtLeast(payments, options.PaymentSuccessTarget, options.PaymentSuccessTarget - BusinessRateWarningBand),
                Phrase.Numbers("≥ {0}", Says.Percent(options.PaymentSuccessTarget, 1))),
            Figure.Said("activeUsers", Phrase.Of("Live_Bk_ActiveUsers", "Active users this month"), f.ActiveUsersThisMonth, "users",
                Count("Live_Bk_Users", "{0} users", f.ActiveUsersThisMonth), Level.Ok, Phrase.Of("Live_Bk_ActiveHelp", "customers who booked")),
            Figure.Said("revenueMonth", Phrase.Of("Live_Bk_Revenue", "Revenue this month"), (double)f.RevenueThisMonthArs, "ars",
                Phrase.Numbers("$ {0} ARS", new Num((double)f.RevenueThisMonthArs, "N0")), Level.Ok, Phrase.Of("Live_Bk_RevenueHelp", "completed appointments")),
            Figure.Said("busiestHour", Phrase.Of("Live_Bk_Busiest", "Busiest hour (last {0} d)", days), busiest?.Hour, "hour",
                busiest is { } h ? Phrase.Numbers("{0}:00–{1}:00 ART", new Num(h.Hour, "00"), new Num((h.Hour + 1) % 24, "00")) : Says.NoData,
                busiest is null ? Level.Unknown : Level.Ok,
                busiest is { } b ? Count("Live_Bk_Appointments", "{0} appointments", b.Appointments) : null),
        ];
    }
}
