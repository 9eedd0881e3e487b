using BarberPro.Core.Text;
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

    /// <summary>
    /// <see cref="Burn"/> with the sentence that explains it, built from the four rates, e.g.
    /// "5 m at 84× but 1 h at 7.5×: below the 14.4× page rule". A rule fires only when both its windows are above
    /// its threshold, so a pair with one window above says which one held it back.
    /// </summary>
    public static BurnVerdict BurnVerdict(double? long1h, double? short5m, double? long6h, double? short30m, ThresholdOptions t)
    {
        ArgumentNullException.ThrowIfNull(t);
        var state = Burn(long1h, short5m, long6h, short30m, t);
        var page = new BurnPair("1 h", long1h, "5 m", short5m, t.FastBurnRate, PageRule);
        var ticket = new BurnPair("6 h", long6h, "30 m", short30m, t.SlowBurnRate, TicketRule);
        Phrase text;
        if (state == BurnState.Unknown)
        {
            var missing = new[] { ("1 h", long1h), ("5 m", short5m), ("6 h", long6h), ("30 m", short30m) }
                .Where(w => w.Item2 is null).Select(w => Phrase.Text(w.Item1));
            text = Phrase.Of("Live_Burn_NoDataFor", "no data for {0}", Phrase.Join(", ", missing));
        }
        else if (state == BurnState.FastBurn)
        {
            text = page.Above();
        }
        else if (state == BurnState.SlowBurn)
        {
            text = page.NearMiss() is { } held ? Phrase.Join("; ", [held, ticket.Above()]) : ticket.Above();
        }
        else
        {
            var nearMisses = new[] { page.NearMiss(), ticket.NearMiss() }.OfType<Phrase>().ToList();
            text = nearMisses.Count > 0
                ? Phrase.Join("; ", nearMisses)
                : Phrase.Of("Live_Burn_BelowBoth", "1 h at {0}, 6 h at {1}: below the {2} ticket and {3} page rules",
                    M(long1h!.Value), M(long6h!.Value), M(t.SlowBurnRate), M(t.FastBurnRate));
        }

        return new BurnVerdict(state, text.ToString(), text);
    }

    private static readonly Phrase PageRule = Phrase.Of("Live_Burn_PageRule", "page");

    private static readonly Phrase TicketRule = Phrase.Of("Live_Burn_TicketRule", "ticket");

    /// <summary>
    /// The requests per second the deployment can serve at the HPA's maximum, at today's load per pod:
    /// requests/s now ÷ pods running × HPA max. Null while any of the three is unknown or no pod runs.
    /// </summary>
    public static double? CapacityAtHpaMax(double? requestsPerSecond, double? podsRunning, double? hpaMax) =>
        (requestsPerSecond, podsRunning, hpaMax) switch
        {
            ({ } rps, { } pods, { } max) when pods >= 1 && max >= 1 && double.IsFinite(rps) => rps / pods * max,
            _ => null,
        };

    /// <summary>
    /// Requests/s now: critical at or above the capacity the HPA maximum gives (no pod is left to add) or above the
    /// peak the platform is rated for; a warning above the sustained figure or past
    /// <see cref="ThresholdOptions.CapacityWarning"/> of that capacity; otherwise fine. Without a known capacity only
    /// the sustained and peak figures judge it.
    /// </summary>
    public static Level Throughput(double? requestsPerSecond, double? capacity, ThresholdOptions t)
    {
        ArgumentNullException.ThrowIfNull(t);
        return requestsPerSecond switch
        {
            null => Level.Unknown,
            var r when double.IsNaN(r.Value) => Level.Unknown,
            var r when r >= capacity || r > t.PeakRps => Level.Critical,
            var r when r > t.SustainedRps || r >= capacity * t.CapacityWarning => Level.Warning,
            _ => Level.Ok,
        };
    }

    private static Phrase M(double value) => Says.MultipleShort(value);

    private sealed record BurnPair(string LongName, double? Long, string ShortName, double? Short, double Threshold, Phrase Rule)
    {
        public Phrase Above() => Phrase.Of("Live_Burn_Above", "{0} at {1} and {2} at {3}: above the {4} {5} rule",
            LongName, M(Long!.Value), ShortName, M(Short!.Value), M(Threshold), Rule);

        /// <summary>One window above the threshold and the other not: which one held the rule back.</summary>
        public Phrase? NearMiss() => (Long > Threshold, Short > Threshold) switch
        {
            (false, true) => Below(ShortName, Short!.Value, LongName, Long!.Value),
            (true, false) => Below(LongName, Long!.Value, ShortName, Short!.Value),
            _ => null,
        };

        private Phrase Below(string aboveName, double above, string belowName, double below) =>
            Phrase.Of("Live_Burn_Below", "{0} at {1} but {2} at {3}: below the {4} {5} rule",
                aboveName, M(above), belowName, M(below), M(Threshold), Rule);
    }

    /// <summary>Share of the error budget left over a window: 1 - (1 - availability) / (1 - SLA).</summary>
    public static double? BudgetLeft(double? availability, double sla) =>
        availability is { } a && !double.IsNaN(a) ? 1 - ((1 - a) / (1 - sla)) : null;
}

/// <summary>The multi-window burn-rate state and the sentence, built from the rates, that says why.</summary>
/// <param name="Words">The explanation as a phrase, for each language's view (<paramref name="Explanation"/> is its English).</param>
public sealed record BurnVerdict(BurnState State, string Explanation, Phrase Words);

public enum BurnState
{
    Unknown,
    Ok,
    SlowBurn,
    FastBurn,
}
