using BarberPro.Core.Text;

namespace BarberPro.Core.Capacity;

/// <summary>
/// The seeds' <c>predict_scaling_needs</c>: users(m) = current × (1 + g)^m for m = 1..months, infrastructure cost =
/// users × cost per user, "auto" below the manual-review threshold. Computed in double and truncated like the seeds'
/// Python <c>int()</c>, so the table matches theirs to the unit (month 2 at 15 % is 13,224, not 13,225).
/// </summary>
public static class CapacityProjection
{
    public static IReadOnlyList<ProjectionRow> Project(CapacityAssumptions assumptions)
    {
        ArgumentNullException.ThrowIfNull(assumptions);
        var rows = new List<ProjectionRow>(assumptions.Months);
        for (var month = 1; month <= assumptions.Months; month++)
        {
            var users = assumptions.CurrentUsers * Math.Pow(1 + assumptions.GrowthRate, month);
            rows.Add(new ProjectionRow(month, users, (long)users, (long)(users * assumptions.CostPerUserUsd),
                users < assumptions.ManualReviewThreshold ? ScalingAction.Auto : ScalingAction.ManualReview));
        }
        return rows;
    }

    /// <summary>
    /// The projection and the measured headroom together, each month's action by <see cref="ActionFor"/>, so a month
    /// that needs the HPA maximum never says "auto". <paramref name="hpaMax"/> replaces the measured maximum (what-if).
    /// </summary>
    public static CapacityPlan Plan(CapacityAssumptions assumptions, CapacityMeasurement measured, double cpuTarget, double? hpaMax = null)
    {
        ArgumentNullException.ThrowIfNull(measured);
        var projection = Project(assumptions);
        var withMax = hpaMax is null ? measured : measured with { HpaMax = hpaMax };
        var headroom = Measure(assumptions, projection, withMax, cpuTarget);
        var rows = projection.Select((row, i) =>
        {
            int? pods = headroom.PodsNeeded.Count > i ? headroom.PodsNeeded[i] : null;
            return row with { PodsNeeded = pods, Action = ActionFor(row.ExactUsers, assumptions.ManualReviewThreshold, pods, headroom.HpaMax) };
        }).ToList();
        var review = rows.FirstOrDefault(r => r.ExactUsers >= assumptions.ManualReviewThreshold)?.Month;
        return new CapacityPlan(rows, headroom, review);
    }

    /// <summary>
    /// What a month needs: a manual review from the threshold on (people decide, whatever the HPA could do); below it,
    /// "raise the HPA maximum" once the pods needed reach the maximum (the HPA cannot go past it, so it is not
    /// automatic any more — the month <see cref="Headroom.HpaMaxReachedMonth"/> names); otherwise "auto".
    /// </summary>
    public static ScalingAction ActionFor(double users, int manualReviewThreshold, int? podsNeeded, double? hpaMax) =>
        users >= manualReviewThreshold ? ScalingAction.ManualReview
        : podsNeeded is { } pods && hpaMax is { } max && pods >= max ? ScalingAction.RaiseHpaMaximum
        : ScalingAction.Auto;

    /// <summary>
    /// Headroom from what runs now: users per pod = current users ÷ pods; when the CPU use per pod is known, a pod could
    /// carry (CPU target ÷ CPU now) times as many before the HPA adds pods. Pods needed for a month = ⌈users ÷ users per
    /// pod at target⌉.
    /// </summary>
    public static Headroom Measure(CapacityAssumptions assumptions, IReadOnlyList<ProjectionRow> projection, CapacityMeasurement measured, double cpuTarget)
    {
        ArgumentNullException.ThrowIfNull(assumptions);
        ArgumentNullException.ThrowIfNull(projection);
        ArgumentNullException.ThrowIfNull(measured);
        if (measured.Pods is not { } pods || pods <= 0)
        {
            var none = Phrase.Of("Capacity_Basis_NoPods", "no pod count from Prometheus");
            return new Headroom(null, null, null, [], measured.HpaMax, null, none.English) { BasisPhrase = none };
        }
        double? rpsPerPod = measured.RequestsPerSecond is { } rps ? rps / pods : null;
        var usersPerPod = assumptions.CurrentUsers / pods;
        var scaled = measured.CpuUtilisation is { } cpu && cpu > 0.01;
        var atTarget = scaled ? usersPerPod * (cpuTarget / measured.CpuUtilisation!.Value) : usersPerPod;
        var needed = projection.Select(r => (int)Math.Ceiling(r.ExactUsers / atTarget)).ToList();
        int? reached = null;
        if (measured.HpaMax is { } max)
        {
            var index = needed.FindIndex(n => n >= max);
            reached = index < 0 ? null : projection[index].Month;
        }
        var basis = scaled
            ? Phrase.Of("Capacity_Basis_Scaled", "{0:0} pods at {1:0} % CPU now, HPA target {2:0} %", pods, measured.CpuUtilisation!.Value * 100, cpuTarget * 100)
            : Phrase.Of("Capacity_Basis_Unscaled", "{0:0} pods now; CPU unknown, so the pods are taken as full", pods);
        return new Headroom(rpsPerPod, usersPerPod, atTarget, needed, measured.HpaMax, reached, basis.English) { BasisPhrase = basis };
    }
}
