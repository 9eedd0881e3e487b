using BarberPro.Core.Live;
using BarberPro.Core.Text;
using Microsoft.Extensions.Options;

namespace BarberPro.Core.Capacity;

/// <summary>What the capacity page shows.</summary>
public sealed record CapacityOverview(
    SavedAssumptions Current,
    IReadOnlyList<SavedAssumptions> History,
    CapacityPlan Plan,
    CapacityMeasurement Measured,
    DateTimeOffset? MeasuredAt,
    string? MeasurementProblem,
    double CpuTarget)
{
    /// <summary><see cref="MeasurementProblem"/> as a <see cref="Phrase"/> for a page to word in its reader's language.</summary>
    public Phrase? MeasurementProblemPhrase { get; init; }

    public IReadOnlyList<ProjectionRow> Projection => Plan.Rows;

    public Headroom Headroom => Plan.Headroom;

    /// <summary>The plan for other assumptions (what-if) on the same measurement; <paramref name="hpaMax"/> replaces the measured maximum.</summary>
    public CapacityPlan PlanFor(CapacityAssumptions assumptions, double? hpaMax) => CapacityProjection.Plan(assumptions, Measured, CpuTarget, hpaMax);
}

/// <summary>
/// The projection with the saved assumptions, and the headroom measured from the live snapshot's throughput and
/// scaling panels (the figures the overview shows, so no extra Prometheus queries). Scoped per request.
/// </summary>
public sealed class CapacityService(ICapacityStore store, LiveSnapshotStore live, IOptions<LiveOptions> liveOptions)
{
    public async Task<CapacityOverview> BuildAsync(CancellationToken cancellationToken)
    {
        var history = await store.GetHistoryAsync(20, cancellationToken);
        var current = history.Count > 0 ? history[0] : CapacityStore.SeedAssumptions;
        return Build(current, history, live.Current, liveOptions.Value.Thresholds.CpuTarget);
    }

    public static CapacityOverview Build(SavedAssumptions current, IReadOnlyList<SavedAssumptions> history, LiveSnapshot snapshot, double cpuTarget)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(snapshot);
        var throughput = snapshot.Find(PrometheusPanelSources.Throughput);
        var scaling = snapshot.Find(PrometheusPanelSources.Scaling);
        var measured = new CapacityMeasurement(
            Usable(throughput)?.Find("rps")?.Value,
            Usable(scaling)?.Find("current")?.Value,
            Usable(scaling)?.Find("cpu")?.Value,
            Usable(scaling)?.Find("max")?.Value);
        var problem = scaling is null ? Phrase.Of("Capacity_Problem_NotReadYet", "The live panels have not read Prometheus yet.")
            : scaling.Status == PanelStatus.Error ? Phrase.Of("Capacity_Problem_NoScalingData", "The scaling panel has no data: {0}", scaling.Error)
            : scaling.Status == PanelStatus.Stale ? Phrase.Of("Capacity_Problem_Stale", "Prometheus stopped answering; these are the last figures it gave.") : null;
        var plan = CapacityProjection.Plan(current.Assumptions, measured, cpuTarget);
        return new CapacityOverview(current, history, plan, measured, scaling?.AsOf, problem?.English, cpuTarget) { MeasurementProblemPhrase = problem };
    }

    private static PanelSnapshot? Usable(PanelSnapshot? panel) => panel is { AsOf: not null } ? panel : null;
}
