using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using BarberPro.Core.Live;
using BarberPro.Core.Prometheus;
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
/// every variant a page of that language asked for before, so no circuit's thread waits for a render. Each language has
/// its own views (<see cref="LiveViewStore"/>), so its own pieces; the few words of the components themselves ("Chart",
/// "as last known") are read from the resources under that language's culture while the piece renders. Singleton.
/// A tile's variants are its drill-down link for each time range the charts know (<see cref="RangeStep.StandardRanges"/>,
/// the only ranges a URL can select) and no link (the wall): a fixed set, so the work per view is bounded by panels ×
/// (ranges + 1) however many distinct URLs pages are opened with.
/// </summary>
public sealed class LiveMarkup : IDisposable
{
    private readonly ConditionalWeakTable<object, ConcurrentDictionary<string, Lazy<string>>> _cache = new();
    /// <summary>The tile variants: "" (no link), then every range the charts know.</summary>
    private static readonly string[] s_variants = ["", .. RangeStep.StandardRanges.Keys];

    /// <summary>Per language (<see cref="LiveViewStore.Languages"/>), which of <see cref="s_variants"/> some page has
    /// shown (each new view of that language renders those ahead).</summary>
    private readonly bool[][] _variantsInUse;
    private readonly IReadOnlyList<string> _languages;
    private readonly ServiceProvider _services = new ServiceCollection().AddLogging().AddLocalization().BuildServiceProvider();
    private readonly IDisposable[] _subscriptions;
    private long _rendered;

    public LiveMarkup(LiveViewStore views)
    {
        ArgumentNullException.ThrowIfNull(views);
        _languages = views.Languages;
        _variantsInUse = [.. _languages.Select(_ => new bool[s_variants.Length])];
        _subscriptions = [.. _languages.Select(language => views.Subscribe(Prerender, language))];
    }

    /// <summary>How many pieces of markup were rendered (tests: once per view, not once per circuit).</summary>
    public long Rendered => Interlocked.Read(ref _rendered);

    /// <summary>The tile of <paramref name="panel"/>, with its drill-down link to its chart over <paramref name="range"/>
    /// (one of <see cref="RangeStep.StandardRanges"/>; pages pass <see cref="LiveUrls.Range"/>'s answer), or no link when
    /// <paramref name="range"/> is null.</summary>
    /// <exception cref="ArgumentException">A range the charts do not know.</exception>
    public MarkupString Tile(PanelView panel, string? range, string language = Localization.Languages.English)
    {
        ArgumentNullException.ThrowIfNull(panel);
        var variant = Array.IndexOf(s_variants, range ?? "");
        if (variant < 0)
        {
            throw new ArgumentException($"Unknown range '{range}'.", nameof(range));
        }
        Volatile.Write(ref InUse(language)[variant], true);
        // A panel without a chart has no link in any variant: one rendering serves them all.
        var key = panel.ChartKey is null ? "" : s_variants[variant];
        var href = key.Length == 0 ? null : LiveUrls.Overview(key, panel.ChartKey);
        return new(Get(panel, key, () => Render<PanelTile>(language, new Dictionary<string, object?>
        {
            [nameof(PanelTile.Panel)] = panel,
            [nameof(PanelTile.ChartHref)] = href,
        })));
    }

    /// <summary>The status banner of <paramref name="banner"/>, marked "as last known" while the view is stalled.</summary>
    public MarkupString Banner(BannerView banner, bool stalled, string language = Localization.Languages.English)
    {
        ArgumentNullException.ThrowIfNull(banner);
        return new(Get(banner, stalled ? "stalled" : "", () => Render<StatusBanner>(language, new Dictionary<string, object?>
        {
            [nameof(StatusBanner.Banner)] = banner,
            [nameof(StatusBanner.Stalled)] = stalled,
        })));
    }

    /// <summary>Runs on the poller before the circuits are told: the new view's banner and every tile variant in use.</summary>
    private void Prerender(LiveView view)
    {
        Banner(view.Banner, view.Stalled, view.Language);
        var inUse = InUse(view.Language);
        for (var variant = 0; variant < s_variants.Length; variant++)
        {
            if (!Volatile.Read(ref inUse[variant]))
            {
                continue;
            }
            foreach (var panel in view.Panels)
            {
                Tile(panel, variant == 0 ? null : s_variants[variant], view.Language);
            }
        }
    }

    private bool[] InUse(string language)
    {
        for (var i = 0; i < _languages.Count; i++)
        {
            if (string.Equals(_languages[i], language, StringComparison.OrdinalIgnoreCase))
            {
                return _variantsInUse[i];
            }
        }
        return _variantsInUse[0];
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
    private string Render<TComponent>(string language, Dictionary<string, object?> parameters) where TComponent : IComponent
    {
        using var renderer = new HtmlRenderer(_services, NullLoggerFactory.Instance);
        var culture = System.Globalization.CultureInfo.GetCultureInfo(language);
        return renderer.Dispatcher.InvokeAsync(async () =>
        {
            // The piece's own words in its view's language, whichever thread (poller, circuit) renders it.
            System.Globalization.CultureInfo.CurrentCulture = culture;
            System.Globalization.CultureInfo.CurrentUICulture = culture;
            var output = await renderer.RenderComponentAsync<TComponent>(ParameterView.FromDictionary(parameters));
            return output.ToHtmlString();
        }).GetAwaiter().GetResult();
    }

    public void Dispose()
    {
        foreach (var subscription in _subscriptions)
        {
            subscription.Dispose();
        }
        _services.Dispose();
    }
}
