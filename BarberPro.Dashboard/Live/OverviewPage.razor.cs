using System.Globalization;
using BarberPro.Core.Live;
using Microsoft.AspNetCore.Components;

namespace BarberPro.Dashboard.Live;

/// <summary>
/// The live overview: banner, every panel and the charts of one time range, from the shared <see cref="LiveViewStore"/>.
/// The range and the chart a tile opened live in the URL (<c>?range=6h&amp;chart=latency</c>).
/// </summary>
public sealed partial class OverviewPage : LiveViewComponent
{
    protected override string? TabPage => L["Live_OverviewTab"];

    [SupplyParameterFromQuery(Name = LiveUrls.RangeParameter)]
    public string? RangeQuery { get; set; }

    [SupplyParameterFromQuery(Name = LiveUrls.ChartParameter)]
    public string? ChartQuery { get; set; }

    private string Range => LiveUrls.Range(RangeQuery);

    private string? Chart => LiveUrls.Chart(ChartQuery);

    [Inject] private NavigationManager Navigation { get; set; } = default!;

    private void PickRange(string range) =>
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameter(LiveUrls.RangeParameter, range), replace: true);

    private string RefreshText => (View.PollIntervalMs / 1000.0).ToString("0.#", BarberPro.Core.Costs.Money.NumbersOf(CultureInfo.CurrentCulture)) + " s";
}
