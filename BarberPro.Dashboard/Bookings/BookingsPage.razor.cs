using System.Globalization;
using BarberPro.Core.Bookings;
using BarberPro.Core.Costs;
using BarberPro.Core.Live;
using BarberPro.Core.Time;
using BarberPro.Dashboard.Charts;
using BarberPro.Dashboard.Localization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using Microsoft.JSInterop;

namespace BarberPro.Dashboard.Bookings;

/// <summary>
/// The booking figures with a sparkline of their last days, the cities of the month in a sortable table and the busiest
/// hours as a weekday × hour heatmap. Everything comes from process-wide readers (the poller's latest booking reading,
/// <see cref="BookingTrendsReader"/> once per reading), so a viewer adds no query of its own; the page follows the
/// poller: each new live view with a newer booking reading re-renders it and redraws the heatmap. Read-only (Viewer+).
/// </summary>
public sealed partial class BookingsPage : ComponentBase, IAsyncDisposable
{
    private readonly CancellationTokenSource _disposed = new();
    private IDisposable? _subscription;
    private BookingFigures? _figures;
    private BookingTrends? _trends;
    private BookingTrends? _drawn;
    private string? _panelError;
    private ApexChart? _heatmap;
    private int _refreshing;

    [Inject] private BookingFiguresReader Reader { get; set; } = default!;
    [Inject] private BookingTrendsReader Trends { get; set; } = default!;
    [Inject] private LiveViewStore Live { get; set; } = default!;
    [Inject] private IOptions<BookingOptions> Options { get; set; } = default!;
    [Inject] private ILogger<BookingsPage> Logger { get; set; } = default!;

    /// <summary>The culture the page's numbers, money and dates are written in (the user's language).</summary>
    private static CultureInfo C => Languages.Current;

    private string HeatSummary => _trends is { } t ? HeatText(t.Heat) : L["Bookings_HeatPending"];

    /// <summary>What <see cref="BookingHeatmap.Summary"/> says, in the reader's language.</summary>
    private string HeatText(IReadOnlyList<BookingHeatCell> cells)
    {
        var busiest = cells.Where(c => c.Appointments > 0).OrderByDescending(c => c.Appointments).ThenBy(c => c.Weekday).ThenBy(c => c.Hour).FirstOrDefault();
        if (busiest is null)
        {
            return L["Bookings_NoAppointments"];
        }
        var day = ArgentinaTime.FormatDate(new DateOnly(2024, 1, busiest.Weekday), C).Split(' ')[0];
        var hour = busiest.Hour.ToString("00", CultureInfo.InvariantCulture);
        return busiest.Appointments == 1
            ? L["Bookings_BusiestOne", day, hour]
            : L["Bookings_Busiest", day, hour, Money.Count(busiest.Appointments, C)];
    }

    private static string MonthLabel(DateOnly month) => Languages.IsSpanish(C)
        ? month.ToString("MMMM 'de' yyyy", CultureInfo.GetCultureInfo(Languages.SpanishArgentina))
        : month.ToString("MMMM yyyy", CultureInfo.InvariantCulture);

    protected override async Task OnInitializedAsync()
    {
        // A new view comes on the live poller's thread: the refresh it starts words the page in this circuit's language.
        var culture = CircuitCulture.Capture();
        await RefreshAsync();
        _subscription = Live.Subscribe(view =>
        {
            // At most one refresh at a time; a view arriving meanwhile is caught by the next one.
            if (Interlocked.Exchange(ref _refreshing, 1) == 0)
            {
                _ = InvokeAsync(culture.Wrap(async () =>
                {
                    try
                    {
                        await RefreshAsync();
                        StateHasChanged();
                    }
                    finally
                    {
                        Volatile.Write(ref _refreshing, 0);
                    }
                }));
            }
        });
    }

    private async Task RefreshAsync()
    {
        var panel = Live.Current.Find(BookingPanelSource.PanelKey);
        _panelError = panel is { Status: PanelStatus.Stale or PanelStatus.Error }
            ? Reader.LastRead switch
            {
                // The reader is the panel's one source: its last read succeeded, so the panel's error goes at its next publication.
                BookingReadState.Read => null,
                BookingReadState.BeingBuilt => L["Bookings_BeingBuilt"].Value,
                _ => panel.Error,
            }
            : null;
        _figures = Reader.Latest;
        if (_figures is null || (_trends is { } t && t.AsOf >= _figures.AsOf))
        {
            return;
        }
        try
        {
            _trends = await Trends.GetAsync(_disposed.Token);
        }
        catch (Exception ex) when (ex is Npgsql.NpgsqlException or TimeoutException)
        {
            LogTrendsFailed(Logger, ex.Message);
        }
        catch (OperationCanceledException) when (_disposed.IsCancellationRequested)
        {
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (_heatmap is null || _trends is not { } trends || ReferenceEquals(trends, _drawn))
        {
            return;
        }
        _drawn = trends;
        try
        {
            await _heatmap.DrawAsync(BookingHeatmap.Shape(trends.Heat));
        }
        catch (JSDisconnectedException)
        {
            // The circuit closed while drawing.
        }
    }

    private string SparkLabel(string what, IReadOnlyList<BookingDay> days, Func<BookingDay, string> format) => days.Count == 0
        ? L["Bookings_NoDataYet", what]
        : L["Bookings_SparkSummary", what, days.Count, format(days[0]), ArgentinaTime.FormatDate(days[0].Day, C), format(days[^1])];

    private static string FormatInterval(TimeSpan interval) => interval.TotalSeconds < 120
        ? interval.TotalSeconds.ToString("0", CultureInfo.InvariantCulture) + " s"
        : interval.TotalMinutes.ToString("0", CultureInfo.InvariantCulture) + " min";

    public ValueTask DisposeAsync()
    {
        _subscription?.Dispose();
        _disposed.Cancel();
        _disposed.Dispose();
        return ValueTask.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Booking trends could not be read: {Error}")]
    private static partial void LogTrendsFailed(ILogger logger, string error);
}
