using BarberPro.Core.Live;
using Microsoft.AspNetCore.Components;

namespace BarberPro.Dashboard.Live;

/// <summary>The boards the wall shows, in rotation order.</summary>
public enum WallBoard
{
    Panels,
    Charts,
}

/// <summary>
/// Wall mode: every panel and the alerts on one 1920×1080 screen, no navigation. <c>?rotate=30s</c> alternates the
/// panels and the charts (one timer per wall screen, on <see cref="TimeProvider"/>); <c>?board=charts</c> starts on
/// the charts. Nothing accumulates per snapshot: the page keeps only the newest view, so it can run for days.
/// </summary>
public sealed partial class WallPage : LiveViewComponent
{
    protected override string? TabPage => L["Live_WallTab"];

    private ITimer? _rotation;

    [Inject]
    public TimeProvider Time { get; set; } = null!;

    /// <summary>The words of the dashboard's languages besides English (the wall's notice line says them).</summary>
    [Inject]
    public IEnumerable<ILiveWords> Languages { get; set; } = null!;

    private ILiveWords Words => ResourceLiveWords.ForCurrent(Languages);

    [SupplyParameterFromQuery(Name = LiveUrls.RotateParameter)]
    public string? RotateQuery { get; set; }

    [SupplyParameterFromQuery(Name = LiveUrls.BoardParameter)]
    public string? BoardQuery { get; set; }

    public WallBoard Board { get; private set; }

    /// <summary>
    /// Columns and rows that hold every panel on one screen (the availability and bookings panels, which hold the most
    /// figures, take two cells each): 10 panels give 4 × 3. The grid's rows share the screen's height, so nothing falls
    /// below its edge.
    /// </summary>
    private string GridStyle
    {
        get
        {
            var cells = View.Panels.Count + (View.Find(PrometheusPanelSources.Availability) is null ? 0 : 1)
                + (View.Find(BarberPro.Core.Bookings.BookingPanelSource.PanelKey) is null ? 0 : 1);
            var columns = Math.Max(3, (int)Math.Ceiling(Math.Sqrt(cells * 16.0 / 9 / 1.6)));
            var rows = Math.Max(1, (int)Math.Ceiling(cells / (double)columns));
            return $"--columns: {columns}; --rows: {rows}";
        }
    }

    private string BoardName => Board == WallBoard.Panels ? "panels" : "charts";

    protected override void OnInitialized()
    {
        base.OnInitialized();
        Board = string.Equals(BoardQuery, "charts", StringComparison.OrdinalIgnoreCase) ? WallBoard.Charts : WallBoard.Panels;
        if (RendererInfo.IsInteractive && LiveUrls.Rotation(RotateQuery) is { } period)
        {
            _rotation = Time.CreateTimer(_ => _ = InvokeAsync(Rotate), null, period, period);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _rotation?.Dispose();
            _rotation = null;
        }
        base.Dispose(disposing);
    }

    private void Rotate()
    {
        Board = Board == WallBoard.Panels ? WallBoard.Charts : WallBoard.Panels;
        StateHasChanged();
    }
}
