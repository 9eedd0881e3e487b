using BarberPro.Core.Charts;
using BarberPro.Core.Live;
using BarberPro.Core.Prometheus;
using BarberPro.Core.Security;
using BarberPro.Dashboard.Localization;
using BarberPro.Dashboard.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Microsoft.JSInterop;

namespace BarberPro.Dashboard.Charts;

/// <summary>
/// One card per <see cref="ChartCatalog"/> chart over the page's range. The range series come from the process-wide
/// <see cref="ChartSeriesCache"/> (every viewer of a chart and aligned window shares one range query); between range
/// queries each new <see cref="LiveSnapshot"/> appends a point per line, at most one per step of the range (so the
/// density matches the range series and the browser's points stay bounded), without asking Prometheus again.
/// <see cref="Focus"/> (a <see cref="ChartKeys"/> value, from a tile's drill-down) enlarges, marks and scrolls to a card.
/// Per circuit it keeps only a few numbers per card; the shaped options live until the module has them. What a snapshot
/// adds (the point, the annotations, the card's words) is shaped once per snapshot for every circuit
/// (<see cref="LiveChartFrames"/>), and a circuit sends it to the browser in one call for all its charts.
/// Alert firing periods, maintenance windows and incidents are shaded bands on every chart, from the process's one
/// <see cref="ChartEventStore"/> (no read per circuit); when they change between two points of a chart, the next
/// snapshot sends only the new annotations, not the points. The chart's description (a hidden caption its figure points
/// to) says in words what the bands mark.
/// </summary>
public sealed partial class ChartGrid : ComponentBase, IAsyncDisposable
{
    /// <summary>The circuit's language, put back in work that other threads hand to InvokeAsync (<see cref="CircuitCulture"/>).</summary>
    private readonly CircuitCulture _culture = CircuitCulture.Capture();

    public const string DefaultRange = "1h";

    /// <summary>How long a chart whose range query failed waits before asking again.</summary>
    public static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(15);

    private readonly Dictionary<string, ChartCard> _cards =
        ChartCatalog.Charts.Keys.ToDictionary(k => k, _ => new ChartCard(), StringComparer.Ordinal);
    private readonly CancellationTokenSource _disposed = new();
    private IDisposable? _subscription;
    private LiveSnapshot? _pending;
    private int _applyScheduled;
    private string _range = DefaultRange;
    private (string Range, string? Focus)? _drawn;
    private string? _revealed;
    private int _generation;
    private bool _canReadQueries;
    private bool _refused;
    private ApexModule? _module;

    [Inject] private ChartSeriesCache Cache { get; set; } = default!;
    [Inject] private LiveSnapshotStore Store { get; set; } = default!;
    [Inject] private IOptions<LiveOptions> LiveOptions { get; set; } = default!;
    [Inject] private PanelQueryCatalog Catalog { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;
    [Inject] private AuthenticationStateProvider Authentication { get; set; } = default!;
    [Inject] private IAuthorizationService Authorization { get; set; } = default!;
    [Inject] private CircuitAccess Access { get; set; } = default!;
    [Inject] private ILogger<ChartGrid> Logger { get; set; } = default!;
    [Inject] private LiveChartFrames Frames { get; set; } = default!;
    [Inject] private ChartEventStore Events { get; set; } = default!;
    [Inject] private IJSRuntime JS { get; set; } = default!;
    [Inject] private IEnumerable<ILiveWords> Languages { get; set; } = default!;
    [Inject] private IStringLocalizer<Strings> L { get; set; } = default!;

    /// <summary>The words of the circuit's language for what Core shapes (titles, axes, thresholds, bands).</summary>
    private ILiveWords Words { get; set; } = LiveWords.English;

    /// <summary>One of <see cref="RangeStep.StandardRanges"/> (the page's URL range); anything else shows <see cref="DefaultRange"/>.</summary>
    [Parameter] public string Range { get; set; } = DefaultRange;

    /// <summary>The <see cref="ChartKeys"/> value of the chart a tile drilled down to, or null.</summary>
    [Parameter] public string? Focus { get; set; }

    private ThresholdOptions Thresholds => LiveOptions.Value.Thresholds;

    protected override async Task OnInitializedAsync()
    {
        Words = Live.ResourceLiveWords.ForCurrent(Languages);
        _module = new ApexModule(JS).Acquire();
        await UpdateQueryAccessAsync(Authentication.GetAuthenticationStateAsync());
        Authentication.AuthenticationStateChanged += OnAuthenticationStateChanged;
        UpdateLiveStatus(Store.Current);
        _subscription = Store.Subscribe(OnSnapshot);
    }

    protected override void OnParametersSet()
    {
        _range = Range is not null && RangeStep.StandardRanges.ContainsKey(Range) ? Range : DefaultRange;
        if (_drawn is { } drawn && drawn.Range != _range)
        {
            foreach (var (key, card) in _cards)
            {
                card.Queries = card.Queries is null ? null : ChartQueries.ForChart(Catalog, key, _range, Time.GetUtcNow());
            }
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (_drawn != (_range, Focus))
        {
            _drawn = (_range, Focus);
            await DrawAllAsync(_range, Focus);
        }

        if (Focus != _revealed)
        {
            _revealed = Focus;
            if (Focus is not null && _cards.TryGetValue(Focus, out var card) && card.Rendered && _module is not null)
            {
                var module = await _module.GetAsync();
                await Js(async () => await module.InvokeVoidAsync("reveal", card.Element));
            }
        }
    }

    /// <summary>Reads every chart's range series (from the shared cache) and draws it with the current snapshot's
    /// thresholds and annotations. A chart whose query fails says so in words and draws nothing.</summary>
    private async Task DrawAllAsync(string range, string? focus)
    {
        var generation = ++_generation;
        await Task.WhenAll(_cards.Select(pair => DrawAsync(pair.Key, pair.Value, range, focus, generation)));
        if (generation == _generation && !_disposed.IsCancellationRequested)
        {
            StateHasChanged();
        }
    }

    private async Task DrawAsync(string key, ChartCard card, string range, string? focus, int generation)
    {
        try
        {
            var series = await Cache.GetAsync(key, range, _disposed.Token);
            if (generation != _generation || !card.Rendered || _module is null)
            {
                return;
            }

            var bands = ChartBands.Clip(Events.Current.Events, series.Start, series.End, Words);
            var options = ChartShaper.Shape(series, Store.Current, Thresholds, key == focus, bands, Words);
            // The frame's caption when it says the same (one string for every circuit), else this window's own.
            var caption = ChartBands.Caption(bands, series.End, Words);
            var shared = Frames.For(Store.Current, key, range, Words).Caption;
            card.Caption = caption == shared ? shared : caption;
            card.Span = RangeStep.StandardRanges[range];
            card.StepMs = (long)series.Step.TotalMilliseconds;
            card.LastStep = series.End.ToUnixTimeMilliseconds() / card.StepMs;
            card.AnnotationsSignature = ChartShaper.Signature(options.Annotations);
            card.LoadError = null;
            card.Empty = series.Lines.All(line => line.Points.All(point => point.Value is null));
            var module = await _module.GetAsync();
            await Js(async () =>
            {
                await module.InvokeVoidAsync("draw", card.Element, options.ToJson());
                card.Drawn = true;
            });
        }
        catch (PrometheusException ex)
        {
            if (generation == _generation)
            {
                card.LoadError = L["Live_Chart_RangeFailed", range, ex.Message];
                card.RetryAt = Time.GetUtcNow() + RetryDelay;
                LogRangeFailed(Logger, key, range, ex.Message);
            }
        }
        catch (OperationCanceledException) when (_disposed.IsCancellationRequested)
        {
        }
        catch (JSException ex)
        {
            card.LoadError = L["Live_Chart_DrawFailed"];
            LogDrawFailed(Logger, key, ex.Message);
        }
    }

    /// <summary>Runs on the poller: keeps only the newest snapshot and schedules at most one apply (coalescing bursts).</summary>
    private void OnSnapshot(LiveSnapshot snapshot)
    {
        Volatile.Write(ref _pending, snapshot);
        if (Interlocked.Exchange(ref _applyScheduled, 1) == 0)
        {
            _ = InvokeAsync(_culture.Wrap(ApplyPendingAsync));
        }
    }

    private async Task ApplyPendingAsync()
    {
        try
        {
            await AppendPendingAsync();
        }
        catch (JSException ex)
        {
            LogDrawFailed(Logger, "live point", ex.Message);
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException && _disposed.IsCancellationRequested)
        {
            // The circuit went away while the points were on their way.
        }
    }

    private async Task AppendPendingAsync()
    {
        Interlocked.Exchange(ref _applyScheduled, 0);
        if (Interlocked.Exchange(ref _pending, null) is not { } snapshot || _disposed.IsCancellationRequested)
        {
            return;
        }

        var now = Time.GetUtcNow();
        var retries = new List<Task>();
        var captionsChanged = false;
        List<ElementReference>? elements = null;
        List<string>? changes = null;
        foreach (var (key, card) in _cards)
        {
            var frame = Frames.For(snapshot, key, _range, Words);
            // A failed range query is asked again once the chart's panels answer again (not more often than
            // RetryDelay): the page recovers by itself, and the shared cache makes it one query for every viewer.
            if (card.RetryAt is { } retryAt && now >= retryAt && frame.Status is null)
            {
                card.RetryAt = null;
                retries.Add(DrawAsync(key, card, _range, Focus, _generation));
                continue;
            }

            if (!card.Drawn || card.LoadError is not null)
            {
                continue;
            }

            var step = frame.At.ToUnixTimeMilliseconds() / card.StepMs;
            var annotationsChanged = frame.AnnotationsSignature != card.AnnotationsSignature;
            if (step <= card.LastStep)
            {
                if (annotationsChanged && frame.Caption != card.Caption)
                {
                    // The bands changed (a window planned, an incident opened) between two points: the annotations alone.
                    (elements ??= []).Add(card.Element);
                    (changes ??= []).Add(frame.AnnotateJson);
                    card.AnnotationsSignature = frame.AnnotationsSignature;
                    captionsChanged |= SetCaption(card, frame.Caption);
                }

                continue;
            }

            card.LastStep = step;
            (elements ??= []).Add(card.Element);
            (changes ??= []).Add(annotationsChanged ? frame.AppendWithAnnotationsJson : frame.AppendJson);
            card.AnnotationsSignature = frame.AnnotationsSignature;
            captionsChanged |= SetCaption(card, frame.Caption);
        }

        if (elements is not null && changes is not null && _module is not null)
        {
            // Every chart's new point in one call (the module appends to each), not one call per chart.
            var module = await _module.GetAsync();
            await Js(async () => await module.InvokeVoidAsync("appendAll", elements, changes));
        }

        await Task.WhenAll(retries);
        if (UpdateLiveStatus(snapshot) | retries.Count > 0 | captionsChanged)
        {
            StateHasChanged();
        }
    }

    /// <summary>The PromQL behind a chart, for Operators and above. The role is checked again here, on the server, from
    /// the circuit's current authentication state: a Viewer's circuit that sends the event anyway gets nothing.</summary>
    internal async Task ToggleQueryAsync(string key)
    {
        if (!await Access.IsAllowedAsync(Policies.ReadQueries, _disposed.Token))
        {
            _canReadQueries = false;
            _refused = true;
            foreach (var card in _cards.Values)
            {
                card.Queries = null;
            }

            LogQueryRefused(Logger, key);
            return;
        }

        if (_cards.TryGetValue(key, out var shown))
        {
            shown.Queries = shown.Queries is null ? ChartQueries.ForChart(Catalog, key, _range, Time.GetUtcNow()) : null;
        }
    }

    private bool UpdateLiveStatus(LiveSnapshot snapshot)
    {
        var changed = false;
        foreach (var (key, card) in _cards)
        {
            var status = Frames.For(snapshot, key, _range, Words).Status;
            changed |= status != card.LiveStatus;
            card.LiveStatus = status;
        }

        return changed;
    }

    private static bool SetCaption(ChartCard card, string? caption)
    {
        var changed = caption != card.Caption;
        card.Caption = caption;
        return changed;
    }

    private string? Note(ChartCard card) =>
        card.LoadError ?? card.LiveStatus
        ?? (card.Empty ? L["Live_Chart_Empty", _range].Value : null)
        ?? (card.Drawn ? null : L["Live_Chart_Loading", _range].Value);

    private static string State(ChartCard card) =>
        card.LoadError is not null ? "error" : card.LiveStatus is not null ? "stale" : card.Empty ? "empty" : "loading";

    /// <summary>A call into the browser that may find the circuit gone: then there is nothing left to draw.</summary>
    private static async Task Js(Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (JSDisconnectedException)
        {
        }
    }

    /// <summary>The control follows the circuit's current roles: a demotion (pushed by the session events within
    /// about a second) removes it, a promotion brings it back, without a reload.</summary>
    private async Task UpdateQueryAccessAsync(Task<AuthenticationState> state)
    {
        var user = (await state).User;
        _canReadQueries = (await Authorization.AuthorizeAsync(user, Policies.ReadQueries)).Succeeded;
        if (!_canReadQueries)
        {
            foreach (var card in _cards.Values)
            {
                card.Queries = null;
            }
        }
    }

    private void OnAuthenticationStateChanged(Task<AuthenticationState> state) =>
        _ = InvokeAsync(_culture.Wrap(async () =>
        {
            await UpdateQueryAccessAsync(state);
            StateHasChanged();
        }));

    public async ValueTask DisposeAsync()
    {
        Authentication.AuthenticationStateChanged -= OnAuthenticationStateChanged;
        _subscription?.Dispose();
        await _disposed.CancelAsync();
        _disposed.Dispose();
        if (_module is not null)
        {
            await DestroyChartsAsync(_module);
            await _module.ReleaseAsync();
        }
    }

    /// <summary>Frees the browser's charts (ApexCharts keeps listeners and its series until destroyed), each on its own:
    /// one failing call does not keep the others.</summary>
    private async Task DestroyChartsAsync(ApexModule apex)
    {
        if (!apex.Imported)
        {
            return;
        }
        foreach (var card in _cards.Values.Where(c => c.Drawn))
        {
            try
            {
                var module = await apex.GetAsync();
                await module.InvokeVoidAsync("destroy", card.Element);
            }
            catch (Exception ex) when (ex is JSDisconnectedException or OperationCanceledException or JSException)
            {
                // The circuit is gone, and the browser's chart with it: nothing to free on either side.
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Chart {Chart} over {Range} has no data: {Error}")]
    private static partial void LogRangeFailed(ILogger logger, string chart, string range, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The browser could not draw chart {Chart}: {Error}")]
    private static partial void LogDrawFailed(ILogger logger, string chart, string error);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Refused the PromQL of chart {Chart} (CircuitAccess logged and audited who)")]
    private static partial void LogQueryRefused(ILogger logger, string chart);

    /// <summary>What a circuit keeps per chart: a few numbers and words, never the series. The chart's element is the
    /// grid's own (<c>ApexChart.razor</c>'s markup, without a component per chart: four fewer per circuit), drawn through
    /// the grid's one import of <c>ApexChart.razor.js</c>.</summary>
    private sealed class ChartCard
    {
        public ElementReference Element;
        public bool Rendered => Element.Id is not null;
        public bool Drawn { get; set; }
        public TimeSpan Span { get; set; }
        public long StepMs { get; set; } = 1;
        public long LastStep { get; set; }
        public string? AnnotationsSignature { get; set; }
        /// <summary>What the bands mark, in words (shared with every circuit: the frame's string, not a copy).</summary>
        public string? Caption { get; set; }
        public string? LoadError { get; set; }
        public DateTimeOffset? RetryAt { get; set; }
        public bool Empty { get; set; }
        public string? LiveStatus { get; set; }
        public IReadOnlyList<(string Line, string PromQl)>? Queries { get; set; }
    }
}
