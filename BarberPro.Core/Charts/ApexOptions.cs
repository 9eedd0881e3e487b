using System.Text.Json;
using System.Text.Json.Serialization;

namespace BarberPro.Core.Charts;

/// <summary>
/// The ApexCharts options object, as C# shapes it for the chart component's module, which hands it to ApexCharts
/// unchanged. Only what the dashboard sets is modelled; property names are ApexCharts' own (camelCase), nulls omitted.
/// Times on the x axis are <see cref="ChartTime"/> axis milliseconds: Argentina wall-clock time read as UTC.
/// </summary>
public sealed record ApexOptions(
    ApexChartSettings Chart,
    IReadOnlyList<ApexSeries> Series,
    ApexXAxis Xaxis,
    ApexYAxis Yaxis,
    ApexAnnotations Annotations)
{
    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public ApexStroke Stroke { get; init; } = new(2, "straight");

    public ApexLegend Legend { get; init; } = new(true, "top");

    public ApexTooltip Tooltip { get; init; } = new(new ApexTooltipX("ddd dd MMM HH:mm"));

    public ApexNoData NoData { get; init; } = new("No data");

    /// <summary>
    /// Dots on the data points; null: none (the live charts, whose points are seconds apart). A line chart of few points
    /// needs them: a month with data between two without draws no line at all, only its dot.
    /// </summary>
    public ApexMarkers? Markers { get; init; }

    /// <summary>One colour per series, in order; null: ApexCharts' palette (the live charts).</summary>
    public IReadOnlyList<string>? Colors { get; init; }

    /// <summary>The options as the module receives them.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);
}

public sealed record ApexChartSettings(string Id, string Type, int Height)
{
    public ApexToggle Animations { get; init; } = new(false);

    public ApexToggleShow Toolbar { get; init; } = new(false);

    public ApexToggle Zoom { get; init; } = new(false);

    public string Background { get; init; } = "transparent";

    /// <summary>ApexCharts' own words (months, days) in this locale ("es"), served by the dashboard; null: English.</summary>
    public string? DefaultLocale { get; init; }
}

public sealed record ApexToggle(bool Enabled);

/// <summary>ApexCharts' <c>markers</c>: the dot drawn at each point, <paramref name="Size"/> in pixels.</summary>
public sealed record ApexMarkers(int Size);

public sealed record ApexToggleShow(bool Show);

/// <summary>A line: one <see cref="ApexPoint"/> per step of the window, null values are gaps.</summary>
public sealed record ApexSeries(string Name, IReadOnlyList<ApexPoint> Data);

/// <summary>JSON <c>[x, y or null]</c>: x in axis milliseconds (see <see cref="ChartTime"/>).</summary>
[JsonConverter(typeof(ApexPointJsonConverter))]
public readonly record struct ApexPoint(long X, double? Y);

public sealed class ApexPointJsonConverter : JsonConverter<ApexPoint>
{
    public override ApexPoint Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var point = new ChartPointJsonConverter().Read(ref reader, typeof(ChartPoint), options);
        return new ApexPoint(point.UnixMilliseconds, point.Value);
    }

    public override void Write(Utf8JsonWriter writer, ApexPoint value, JsonSerializerOptions options) =>
        new ChartPointJsonConverter().Write(writer, new ChartPoint(value.X, value.Y), options);
}

/// <summary>The x axis spans the whole window (<paramref name="Min"/> to <paramref name="Max"/>), data or not.</summary>
public sealed record ApexXAxis(long Min, long Max, ApexTitle Title)
{
    public string Type { get; init; } = "datetime";

    /// <summary>Labels read the (already Argentina-shifted) values as UTC, so the browser's zone never applies.</summary>
    public ApexXLabels Labels { get; init; } = new(true, new("yyyy", "MMM 'yy", "dd MMM", "HH:mm", "HH:mm"));
}

public sealed record ApexXLabels(bool DatetimeUTC, ApexDatetimeFormatter DatetimeFormatter);

public sealed record ApexDatetimeFormatter(string Year, string Month, string Day, string Hour, string Minute);

public sealed record ApexYAxis(double? Min, ApexTitle Title, int DecimalsInFloat)
{
    /// <summary>The top of the axis; null: from the data (the live charts). A report's chart sets it so that its
    /// target lines are inside the plot.</summary>
    public double? Max { get; init; }
}

public sealed record ApexTitle(string Text);

public sealed record ApexAnnotations(IReadOnlyList<ApexYAnnotation> Yaxis, IReadOnlyList<ApexXAnnotation> Xaxis);

/// <summary>A horizontal threshold line.</summary>
public sealed record ApexYAnnotation(double Y, string BorderColor, int StrokeDashArray, ApexLabel Label);

/// <summary>A vertical line at an event (scale event, alert firing since), or with <see cref="X2"/> a shaded band from
/// <see cref="X"/> to <see cref="X2"/> (a firing period, a maintenance window, an incident: <see cref="ChartBands"/>).</summary>
public sealed record ApexXAnnotation(long X, string BorderColor, int StrokeDashArray, ApexLabel Label)
{
    public long? X2 { get; init; }

    public string? FillColor { get; init; }

    public double? Opacity { get; init; }
}

public sealed record ApexLabel(string Text, string BorderColor, ApexLabelStyle Style)
{
    public string? Orientation { get; init; }

    /// <summary>"start": the label begins at the band's left edge (ApexCharts centres it by default).</summary>
    public string? TextAnchor { get; init; }

    /// <summary>"bottom": an x-axis annotation's label at the foot of the plot (ApexCharts: "top").</summary>
    public string? Position { get; init; }

    /// <summary>Pixels down from where the label sits (negative: up from the foot, the row of a band's label).</summary>
    public int? OffsetY { get; init; }
}

public sealed record ApexLabelStyle(string Color, string Background);

public sealed record ApexStroke(int Width, string Curve);

public sealed record ApexLegend(bool Show, string Position);

public sealed record ApexTooltip(ApexTooltipX X);

public sealed record ApexTooltipX(string Format);

public sealed record ApexNoData(string Text);

/// <summary>What the module appends on a new snapshot: one point per line (null: no value now, a gap), and the window
/// the x axis now spans (points left of <see cref="Min"/> are dropped); new annotations when they changed.</summary>
public sealed record ApexAppend(IReadOnlyList<ApexPoint> Points, long Min, long Max)
{
    public ApexAnnotations? Annotations { get; init; }

    public string ToJson() => JsonSerializer.Serialize(this, ApexOptions.JsonOptions);
}

/// <summary>What the module applies when only the annotations changed (a window planned, an incident opened) between two
/// points: the chart's points and axis stay as they are.</summary>
public sealed record ApexAnnotate(ApexAnnotations Annotations)
{
    public string ToJson() => JsonSerializer.Serialize(this, ApexOptions.JsonOptions);
}
