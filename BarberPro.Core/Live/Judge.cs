namespace BarberPro.Core.Live;

/// <summary>How each figure is judged against its thresholds. Pure functions, so they are tested on their own.</summary>
public static class Judge
{
    /// <summary>At most the target is fine; up to <paramref name="critical"/> is a warning; beyond is critical.</summary>
    public static Level AtMost(double? value, double target, double critical) => value switch
    {
        null => Level.Unknown,
        var v when double.IsNaN(v.Value) => Level.Unknown,
        var v when v <= target => Level.Ok,
        var v when v <= critical => Level.Warning,
        _ => Level.Critical,
    };

    public static Level AtLeast(double? value, double target) => value switch
    {
        null => Level.Unknown,
        var v when double.IsNaN(v.Value) => Level.Unknown,
        var v when v >= target => Level.Ok,
        _ => Level.Critical,
    };

    /// <summary>At least the target is fine; down to <paramref name="critical"/> is a warning; below is critical.</summary>
    public static Level AtLeast(double? value, double target, double critical) => AtLeast(value, target) switch
    {
        Level.Critical when value >= critical => Level.Warning,
        var level => level,
    };

    public static Level Up(double? value) => value switch
    {
        null => Level.Unknown,
        >= 1 => Level.Ok,
        _ => Level.Critical,
    };

    /// <summary>Error budget left: more than half is fine, some is a warning, none is critical.</summary>
    public static Level Budget(double? left) => left switch
    {
        null => Level.Unknown,
        > 0.5 => Level.Ok,
        > 0 => Level.Warning,
        _ => Level.Critical,
    };

    /// <summary>Pods against the HPA's range: at the maximum there is no headroom left.</summary>
    public static Level Pods(double? current, double? max) => (current, max) switch
    {
        (null, _) => Level.Unknown,
        (_, null) => Level.Ok,
        var (c, m) when c >= m => Level.Critical,
        var (c, m) when c >= 0.8 * m => Level.Warning,
        _ => Level.Ok,
    };

    /// <summary>
    /// The SRE workbook's multi-window burn-rate alerts: a fast burn needs both the 1 h and the 5 m rate above
    /// 14.4 (2 % of a 30-day budget in an hour), a slow burn both the 6 h and the 30 m rate above 6.
    /// </summary>
    public static BurnState Burn(double? long1h, double? short5m, double? long6h, double? short30m, ThresholdOptions t)
    {
        ArgumentNullException.ThrowIfNull(t);
        if (long1h is null || short5m is null || long6h is null || short30m is null)
        {
            return BurnState.Unknown;
        }
        if (long1h > t.FastBurnRate && short5m > t.FastBurnRate)
        {
            return BurnState.FastBurn;
        }
        return long6h > t.SlowBurnRate && short30m > t.SlowBurnRate ? BurnState.SlowBurn : BurnState.Ok;
    }

    /// <summary>Share of the error budget left over a window: 1 - (1 - availability) / (1 - SLA).</summary>
    public static double? BudgetLeft(double? availability, double sla) =>
        availability is { } a && !double.IsNaN(a) ? 1 - ((1 - a) / (1 - sla)) : null;
}

public enum BurnState
{
    Unknown,
    Ok,
    SlowBurn,
    FastBurn,
}
