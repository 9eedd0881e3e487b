using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using BarberPro.Core.Live;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.Logging.Abstractions;

namespace BarberPro.Dashboard.Live;

/// <summary>
/// The HTML of a <see cref="PanelTile"/> or a <see cref="StatusBanner"/>, rendered <b>once per view</b> for the process
/// and shared by every circuit that shows it: a circuit's page holds one markup frame per tile (a reference to the shared
/// string) instead of a component with two render trees of a hundred-odd frames each, and re-rendering a page per
/// snapshot diffs eleven strings instead of every element of every tile. A tile whose HTML did not change between two
/// views compares equal, so the browser receives nothing for it. The HTML is what the component renders (the
/// component's own encoding, its scoped-CSS attribute), produced by an <see cref="HtmlRenderer"/> outside any circuit.
/// Entries live as long as their view object (a weak table): the newest view's, and any a circuit still shows.
/// Each new view's tiles are rendered <b>before</b> the circuits hear of it (this subscribes to the store first), in
/// every variant (drill-down link) a page asked for before, so no circuit's thread waits for a render. Singleton.
/// </summary>
public sealed class LiveMarkup : IDisposable
{
    private readonly ConditionalWeakTable<object, ConcurrentDictionary<string, Lazy<string>>> _cache = new();
    private readonly ConcurrentDictionary<(string Panel, string Variant), bool> _tileVariants = new();
    private readonly ServiceProvider _services = new ServiceCollection().AddLogging().BuildServiceProvider();
    private readonly IDisposable _subscription;
    private long _rendered;

    public LiveMarkup(LiveViewStore views)
    {
        ArgumentNullException.ThrowIfNull(views);
        _subscription = views.Subscribe(Prerender);
    }

    /// <summary>How many pieces of markup were rendered (tests: once per view, not once per circuit).</summary>
    public long Rendered => Interlocked.Read(ref _rendered);

    /// <summary>The tile of <paramref name="panel"/>, with its drill-down link to <paramref name="chartHref"/> (or none).</summary>
    public MarkupString Tile(PanelView panel, string? chartHref)
    {
        ArgumentNullException.ThrowIfNull(panel);
        _tileVariants.TryAdd((panel.Key, chartHref ?? ""), true);
        return new(Get(panel, chartHref ?? "", () => Render<PanelTile>(new Dictionary<string, object?>
        {
            [nameof(PanelTile.Panel)] = panel,
            [nameof(PanelTile.ChartHref)] = chartHref,
        })));
    }

    /// <summary>The status banner of <paramref name="banner"/>, marked "as last known" while the view is stalled.</summary>
    public MarkupString Banner(BannerView banner, bool stalled)
    {
        ArgumentNullException.ThrowIfNull(banner);
        return new(Get(banner, stalled ? "stalled" : "", () => Render<StatusBanner>(new Dictionary<string, object?>
        {
            [nameof(StatusBanner.Banner)] = banner,
            [nameof(StatusBanner.Stalled)] = stalled,
        })));
    }

    /// <summary>Runs on the poller before the circuits are told: the new view's banner and every tile variant in use.</summary>
    private void Prerender(LiveView view)
    {
        Banner(view.Banner, view.Stalled);
        foreach (var panel in view.Panels)
        {
            foreach (var (key, _) in _tileVariants)
            {
                if (key.Panel == panel.Key)
                {
                    Tile(panel, key.Variant.Length == 0 ? null : key.Variant);
                }
            }
        }
    }

    private string Get(object view, string variant, Func<string> render)
    {
        var variants = _cache.GetValue(view, _ => new ConcurrentDictionary<string, Lazy<string>>(StringComparer.Ordinal));
        // The first caller renders; a caller arriving meanwhile waits for that one piece only (usually none: Prerender).
        return variants.GetOrAdd(variant, _ => new Lazy<string>(() =>
        {
            Interlocked.Increment(ref _rendered);
            return render();
        }, LazyThreadSafetyMode.ExecutionAndPublication)).Value;
    }

    /// <summary>Both components are synchronous (no injected services, no async lifecycle): the render completes inline.
    /// A renderer per piece, disposed after it: an <see cref="HtmlRenderer"/> keeps every root component it rendered.</summary>
    private string Render<TComponent>(Dictionary<string, object?> parameters) where TComponent : IComponent
    {
        using var renderer = new HtmlRenderer(_services, NullLoggerFactory.Instance);
        return renderer.Dispatcher.InvokeAsync(async () =>
        {
            var output = await renderer.RenderComponentAsync<TComponent>(ParameterView.FromDictionary(parameters));
            return output.ToHtmlString();
        }).GetAwaiter().GetResult();
    }

    public void Dispose()
    {
        _subscription.Dispose();
        _services.Dispose();
    }
}
