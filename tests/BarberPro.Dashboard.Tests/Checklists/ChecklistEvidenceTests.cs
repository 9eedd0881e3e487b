using BarberPro.Core.Checklists;
using BarberPro.Core.Live;
using BarberPro.Dashboard.Checklists;
using Microsoft.Extensions.Options;

namespace BarberPro.Dashboard.Tests.Checklists;

public sealed class ChecklistEvidenceTests
{
    private static readonly DateTimeOffset s_asOf = new(2031, 6, 11, 13, 2, 0, TimeSpan.Zero);

    [Fact]
    public async Task LiveSnapshotEvidence_MapsPanelFiguresToEvidenceKeys_WithPassOrFail()
    {
        var store = new LiveSnapshotStore(Options.Create(new LiveOptions()));
        store.Publish(new LiveSnapshot(7, s_asOf, TimeSpan.FromSeconds(5),
        [
            Panel(PrometheusPanelSources.Latency, PanelStatus.Data,
                Fig("avg", "Average", 42, "42 ms", Level.Ok, "< 100 ms"), Fig("p95", "p95", 88, "88 ms", Level.Ok, "< 100 ms")),
            Panel(PrometheusPanelSources.Errors, PanelStatus.Data, Fig("ratio5xx", "5xx ratio", 0.004, "0.400 %", Level.Critical, "< 0.1 %")),
            Panel(PrometheusPanelSources.Dependencies, PanelStatus.Stale, Fig("postgres", "PostgreSQL", 1, "up", Level.Ok, "up")),
            Panel(PrometheusPanelSources.Scaling, PanelStatus.Error),
        ]));

        var evidence = await new LiveSnapshotEvidenceProvider(store).GetEvidenceAsync(ChecklistEvidenceKeys.All, default);

        // What is stored (the phrases the page words it by are not).
        Assert.Equal(new ChecklistEvidence("Average 42 ms · p95 88 ms", true, s_asOf, "< 100 ms"),
            evidence[ChecklistEvidenceKeys.ResponseTime] with { Words = null, TargetWords = null });
        Assert.Equal(("Average 42 ms · p95 88 ms", "< 100 ms"),
            (evidence[ChecklistEvidenceKeys.ResponseTime].Words?.English, evidence[ChecklistEvidenceKeys.ResponseTime].TargetWords?.English));
        Assert.False(evidence[ChecklistEvidenceKeys.ErrorRate].Passed);
        Assert.Equal("PostgreSQL up (stale)", evidence[ChecklistEvidenceKeys.Database].Figure);
        Assert.False(evidence.ContainsKey(ChecklistEvidenceKeys.AutoScaling));
        Assert.False(evidence.ContainsKey(ChecklistEvidenceKeys.Uptime));
        Assert.False(evidence.ContainsKey(ChecklistEvidenceKeys.Backups));
    }

    private static PanelSnapshot Panel(string key, PanelStatus status, params Figure[] figures) =>
        new(key, key, status, status == PanelStatus.Error ? null : s_asOf, status == PanelStatus.Stale ? s_asOf : null, null, figures, [], []);

    private static Figure Fig(string key, string label, double value, string display, Level level, string target) =>
        new(key, label, value, "", display, level, target);
}
