using System.Text.Json;
using System.Text.Json.Serialization;

namespace BarberPro.Core.Charts;

/// <summary>
/// The series of one chart over one range window, as every viewer of that chart and window sees it. Every line has
/// one point per step from <see cref="Start"/> to <see cref="End"/>: where Prometheus had no value the point's value
/// is null, so the chart spans the whole window and a gap is drawn as a gap, never bridged or shortened.
/// </summary>
public sealed record ChartSeries(string Chart, string Range, string Title, string Unit, TimeSpan Step,
    DateTimeOffset Start, DateTimeOffset End, IReadOnlyList<ChartSeriesLine> Lines);

public sealed record ChartSeriesLine(string Name, IReadOnlyList<ChartPoint> Points);

/// <summary>A point of a chart line; JSON <c>[unix ms, value or null]</c>, the shape ApexCharts takes as it is.</summary>
[JsonConverter(typeof(ChartPointJsonConverter))]
public readonly record struct ChartPoint(long UnixMilliseconds, double? Value);

public sealed class ChartPointJsonConverter : JsonConverter<ChartPoint>
{
    public override ChartPoint Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray || !reader.Read())
        {
            throw new JsonException("A chart point is an array [unix ms, value or null].");
        }

        var at = reader.GetInt64();
        reader.Read();
        double? value = reader.TokenType == JsonTokenType.Null ? null : reader.GetDouble();
        if (!reader.Read() || reader.TokenType != JsonTokenType.EndArray)
        {
            throw new JsonException("A chart point has exactly two items.");
        }

        return new ChartPoint(at, value);
    }

    public override void Write(Utf8JsonWriter writer, ChartPoint value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartArray();
        writer.WriteNumberValue(value.UnixMilliseconds);
        if (value.Value is { } v)
        {
            writer.WriteNumberValue(v);
        }
        else
        {
            writer.WriteNullValue();
        }

        writer.WriteEndArray();
    }
}
