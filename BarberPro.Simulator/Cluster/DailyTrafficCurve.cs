using BarberPro.Core.Time;

namespace BarberPro.Simulator.Cluster;

/// <summary>
/// Requests per second of the platform by Argentine local time (America/Argentina/Buenos_Aires, UTC−3
/// without daylight saving since 2009): about 800 rps at 5 AM, thousands through the day, ~8,500 rps
/// sustained in the evening, when people book their next haircut.
/// </summary>
public static class DailyTrafficCurve
{
    // Hourly anchors, ART hour 0..24; interpolated with a cosine so the curve has no corners.
    private static readonly double[] s_hourly =
    [
        3200, 2300, 1600, 1100, 850, 800, 1100, 2000, 3400, 4800, 5800, 6400,
        6700, 6500, 6000, 6000, 6400, 7100, 7800, 8300, 8500, 8450, 7200, 5000, 3200,
    ];

    /// <summary>The curve's value at <paramref name="instant"/>, before noise and scenario effects.</summary>
    public static double RequestsPerSecond(DateTimeOffset instant)
    {
        var local = ArgentinaTime.ToArgentina(instant);
        var hour = local.TimeOfDay.TotalHours;
        var index = (int)Math.Floor(hour);
        var fraction = hour - index;
        var smooth = (1 - Math.Cos(Math.PI * fraction)) / 2;
        return s_hourly[index] + ((s_hourly[index + 1] - s_hourly[index]) * smooth);
    }
}
