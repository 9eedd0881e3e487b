using System.Globalization;
using BarberPro.Core.Text;

namespace BarberPro.Core.Capacity;

/// <summary>The growth assumptions of the projection (seed defaults: 15 %/month from 10,000 users, US$ 0.68 per user).</summary>
/// <param name="GrowthRate">Monthly growth as a fraction (0.15 = 15 %).</param>
/// <param name="CurrentUsers">Concurrent users now.</param>
/// <param name="CostPerUserUsd">Infrastructure cost per user per month.</param>
/// <param name="ManualReviewThreshold">From this many users on, scaling needs a manual review rather than the HPA.</param>
/// <param name="Months">How many months ahead.</param>
public sealed record CapacityAssumptions(double GrowthRate, int CurrentUsers, double CostPerUserUsd, int ManualReviewThreshold, int Months)
{
    public static CapacityAssumptions Seed { get; } = new(0.15, 10_000, 0.68, 50_000, 12);
}

/// <summary>Saved assumptions with who saved them; <see cref="ChangedBy"/> is null for the built-in defaults.</summary>
public sealed record SavedAssumptions(CapacityAssumptions Assumptions, string? ChangedBy, DateTimeOffset? ChangedAt);

/// <summary>What a projected month needs: see <see cref="CapacityProjection.ActionFor"/>.</summary>
public enum ScalingAction
{
    /// <summary>The HPA adds the pods needed by itself.</summary>
    Auto,

    /// <summary>The pods needed reach the HPA maximum: the HPA cannot add more, someone must raise it.</summary>
    RaiseHpaMaximum,

    /// <summary>Users reach the manual-review threshold: growth is reviewed by people, whatever the HPA could do.</summary>
    ManualReview,
}

/// <summary>One month of the projection, with the seeds' rounding: users and cost truncated to whole numbers.</summary>
/// <param name="PodsNeeded">Pods needed at the CPU target; null without a pod count to measure from.</param>
public sealed record ProjectionRow(int Month, double ExactUsers, long Users, long InfrastructureCostUsd, ScalingAction Action, int? PodsNeeded = null)
{
    public string ActionText => Action switch
    {
        ScalingAction.Auto => "auto",
        ScalingAction.RaiseHpaMaximum => "raise the HPA maximum",
        _ => "manual review",
    };
}

/// <summary>The projection with each month's action agreeing with the headroom, and the months the limits are reached.</summary>
/// <param name="ReviewReachedMonth">The first month at or above the manual-review threshold; null if none is.</param>
public sealed record CapacityPlan(IReadOnlyList<ProjectionRow> Rows, Headroom Headroom, int? ReviewReachedMonth)
{
    public int? HpaMaxReachedMonth => Headroom.HpaMaxReachedMonth;
}

/// <summary>What Prometheus measures now, for the headroom: null where it gave nothing.</summary>
public sealed record CapacityMeasurement(double? RequestsPerSecond, double? Pods, double? CpuUtilisation, double? HpaMax);

/// <summary>The measured headroom and, per projected month, the pods it takes.</summary>
/// <param name="UsersPerPod">Users one pod carries now (current users ÷ pods).</param>
/// <param name="UsersPerPodAtTarget">Users one pod could carry at the HPA's CPU target (scaled by target ÷ CPU now).</param>
/// <param name="PodsNeeded">Per projection month, pods needed at the CPU target; empty without a measurement.</param>
/// <param name="HpaMaxReachedMonth">The first projected month that needs the HPA maximum or more; null if none does.</param>
public sealed record Headroom(
    double? RequestsPerPod,
    double? UsersPerPod,
    double? UsersPerPodAtTarget,
    IReadOnlyList<int> PodsNeeded,
    double? HpaMax,
    int? HpaMaxReachedMonth,
    string Basis)
{
    /// <summary><see cref="Basis"/> as a <see cref="Phrase"/> for a page to word in its reader's language.</summary>
    public Phrase? BasisPhrase { get; init; }
}

/// <summary>A milestone of the seeds' roadmap.</summary>
public sealed record Milestone(int Month, int Users, string Infrastructure);

/// <summary>A region of the seeds' Argentina expansion.</summary>
public sealed record Region(string Name, string Status, string Timeline, string Capacity);

/// <summary>The roadmap and regions of the seeds ("growthProjections" and "argentinaExpansion").</summary>
public static class Roadmap
{
    public static IReadOnlyList<Milestone> Milestones { get; } =
    [
        new(3, 15_000, "Current infrastructure sufficient"),
        new(6, 25_000, "Add 2 database read replicas"),
        new(9, 40_000, "Implement database sharding"),
        new(12, 65_000, "Multi-region deployment"),
    ];

    public static IReadOnlyList<Region> Regions { get; } =
    [
        new("Buenos Aires", "operational", "now", "10,000 users"),
        new("Córdoba", "planned", "Month 6", "5,000 users"),
        new("Rosario", "planned", "Month 9", "3,000 users"),
    ];
}

/// <summary>Input refused, with every problem named. Nothing was stored.</summary>
public sealed class CapacityInputException(IReadOnlyList<Phrase> problems) : Exception(string.Join(" ", problems.Select(p => p.English)))
{
    /// <summary>Every problem, for the page to word (<see cref="Exception.Message"/> is the English).</summary>
    public IReadOnlyList<Phrase> Problems { get; } = problems;
}

/// <summary>The rules of the assumptions form; percentages are entered as percent (15 = 15 %).</summary>
public static class CapacityRules
{
    public static CapacityAssumptions Parse(string? growthPercent, string? currentUsers, string? costPerUserUsd, string? threshold, string? months)
    {
        var problems = new List<Phrase>();
        var inv = CultureInfo.InvariantCulture;
        if (!double.TryParse(growthPercent?.Trim(), NumberStyles.Float, inv, out var g) || !double.IsFinite(g) || g <= -100 || g > 1000)
        {
            problems.Add(Phrase.Of("Capacity_Rule_Growth", "Growth rate must be a percentage per month above -100 and at most 1000, such as 15 (was \"{0}\").", growthPercent?.Trim()));
        }
        if (!int.TryParse(currentUsers?.Trim(), NumberStyles.AllowThousands, inv, out var users) || users < 1 || users > 100_000_000)
        {
            problems.Add(Phrase.Of("Capacity_Rule_Users", "Current users must be a whole number between 1 and {0:N0} (was \"{1}\").", 100_000_000, currentUsers?.Trim()));
        }
        if (!double.TryParse(costPerUserUsd?.Trim(), NumberStyles.Float, inv, out var cost) || !double.IsFinite(cost) || cost < 0 || cost > 10_000)
        {
            problems.Add(Phrase.Of("Capacity_Rule_Cost", "Cost per user must be US dollars between 0 and {0:N0}, such as {1} (was \"{2}\").", 10_000, 0.68, costPerUserUsd?.Trim()));
        }
        if (!int.TryParse(threshold?.Trim(), NumberStyles.AllowThousands, inv, out var review) || review < 1 || review > 1_000_000_000)
        {
            problems.Add(Phrase.Of("Capacity_Rule_Threshold", "Manual-review threshold must be a whole number of users between 1 and {0:N0} (was \"{1}\").", 1_000_000_000, threshold?.Trim()));
        }
        if (!int.TryParse(months?.Trim(), NumberStyles.None, inv, out var m) || m < 1 || m > 36)
        {
            problems.Add(Phrase.Of("Capacity_Rule_Months", "Months must be a whole number between 1 and 36 (was \"{0}\").", months?.Trim()));
        }
        return problems.Count > 0
            ? throw new CapacityInputException(problems)
            : new CapacityAssumptions(g / 100, users, cost, review, m);
    }
}
