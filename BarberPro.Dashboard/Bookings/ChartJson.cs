using System.Text.Encodings.Web;
using System.Text.Json;

namespace BarberPro.Dashboard.Bookings;

/// <summary>A chart as the server shapes it; client/costs/charts.ts only draws it with ApexCharts.</summary>
public sealed record ChartData(string Type, string Unit, IReadOnlyList<string> Categories, IReadOnlyList<ChartSeries> Series, bool Stacked);

public sealed record ChartSeries(string Name, IReadOnlyList<double?> Data);

public static class ChartJson
{
    // The JSON goes inside a <script type="application/json"> element: the default encoder escapes <, > and &, so no
    // value (a city or category name) can close the element.
    private static readonly JsonSerializerOptions s_options = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.Default };

    public static string Serialize(ChartData chart) => JsonSerializer.Serialize(chart, s_options);
}
