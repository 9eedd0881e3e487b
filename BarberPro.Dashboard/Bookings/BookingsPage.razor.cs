using BarberPro.Core.Bookings;
using BarberPro.Core.Live;
using BarberPro.Dashboard.Charts;
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

    private string HeatSummary => _trends is { } t ? BookingHeatmap.Summary(t.Heat) : "The heatmap appears once the hours have been read.";

    protected override async Task OnInitializedAsync()
    {
        await RefreshAsync();
        _subscription = Live.Subscribe(view =>
        {
            // At most one refresh at a time; a view arriving meanwhile is caught by the next one.
            if (Interlocked.Exchange(ref _refreshing, 1) == 0)
            {
                _ = InvokeAsync(async () =>
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
                });
            }
        });
    }

    private async Task RefreshAsync()
    {
        var panel = Live.Current.Find(BookingPanelSource.PanelKey);
        _panelError = panel is { Status: PanelStatus.Stale or PanelStatus.Error } ? panel.Error : null;
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

    private static string SparkLabel(string what, IReadOnlyList<BookingDay> days, Func<BookingDay, string> format) => days.Count == 0
        ? what + ": no data yet."
        : $"{what}, last {days.Count} days: {format(days[0])} on {days[0].Day:ddd d MMM}, {format(days[^1])} today.";

    private static string FormatInterval(TimeSpan interval) => interval.TotalSeconds < 120 ? $"{interval.TotalSeconds:0} s" : $"{interval.TotalMinutes:0} min";

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
