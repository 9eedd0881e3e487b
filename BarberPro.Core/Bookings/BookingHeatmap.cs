using System.Globalization;
using BarberPro.Core.Charts;

namespace BarberPro.Core.Bookings;

/// <summary>
/// The busiest hours as an ApexCharts heatmap: one row per weekday (Monday on top), one cell per Argentina hour, shaded
/// by the appointments starting then over the window. Every cell is sent, zero included (a quiet hour is a fact here:
/// the aggregates count every appointment), so the grid is always 7 × 24.
/// </summary>
public static class BookingHeatmap
{
    public const string ChartKey = "bookings-heatmap";
    public const int Height = 300;
    public const string Color = "#1c5fb8";

    /// <summary>Weekday names by ISO number (1 = Monday).</summary>
    public static readonly IReadOnlyList<string> Weekdays = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

    public static ApexOptions Shape(IReadOnlyList<BookingHeatCell> cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        var byCell = cells.ToDictionary(c => (c.Weekday, c.Hour), c => c.Appointments);
        // ApexCharts draws a heatmap's first series at the bottom: Sunday first puts Monday on top.
        var series = Enumerable.Range(1, 7).Reverse()
            .Select(day => new ApexSeries(Weekdays[day - 1], [.. Enumerable.Range(0, 24)
                .Select(hour => new ApexPoint(hour, byCell.TryGetValue((day, hour), out var n) ? n : 0))]))
            .ToArray();
        return new ApexOptions(
            new ApexChartSettings(ChartKey, "heatmap", Height),
            series,
            new ApexXAxis(0, 23, new("hour of the day, Argentina time (ART)")) { Type = "category" },
            new ApexYAxis(null, new("day of the week"), 0),
            new ApexAnnotations([], []))
        {
            Colors = [Color],
            Legend = new(false, "top"),
            NoData = new("No appointments in the window"),
        };
    }

    /// <summary>The busiest cell in words, for the card and screen readers ("Busiest: Fri 18:00 ART, 42 appointments").</summary>
    public static string Summary(IReadOnlyList<BookingHeatCell> cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        var busiest = cells.Where(c => c.Appointments > 0).OrderByDescending(c => c.Appointments).ThenBy(c => c.Weekday).ThenBy(c => c.Hour).FirstOrDefault();
        return busiest is null
            ? "No appointments in the window."
            : string.Create(CultureInfo.InvariantCulture,
                $"Busiest: {Weekdays[busiest.Weekday - 1]} {busiest.Hour:00}:00 ART, {busiest.Appointments:N0} {(busiest.Appointments == 1 ? "appointment" : "appointments")}.");
    }
}
