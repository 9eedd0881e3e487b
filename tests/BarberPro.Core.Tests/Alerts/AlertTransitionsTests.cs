using BarberPro.Core.Alerts;
using BarberPro.Core.Prometheus;

namespace BarberPro.Core.Tests.Alerts;

public sealed class AlertTransitionsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Fired = Now.AddMinutes(-20);

    private static readonly Dictionary<string, string> Labels = new() { ["alertname"] = "HighErrorRate", ["severity"] = "critical" };

    private static AlertmanagerAlert Am(params string[] silencedBy) => new(
        "amfp", Labels, new Dictionary<string, string> { ["summary"] = "High error rate detected" }, Fired, Now.AddMinutes(4), Now,
        silencedBy.Length > 0 ? AlertmanagerAlertState.Suppressed : AlertmanagerAlertState.Active, silencedBy, [], null);

    private static OpenEpisode Open(params string[] silences) =>
        new(AlertFingerprint.Of(Labels), Fired, "HighErrorRate", "critical", Labels, new Dictionary<string, string>(), silences);

    [Fact]
    public void Fingerprint_IgnoresLabelOrder_AndTellsSetsApart()
    {
        var a = AlertFingerprint.Of(new Dictionary<string, string> { ["a"] = "1", ["b"] = "2" });
        var b = AlertFingerprint.Of(new Dictionary<string, string> { ["b"] = "2", ["a"] = "1" });
        var c = AlertFingerprint.Of(new Dictionary<string, string> { ["a"] = "1;b=2" });

        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
        Assert.Equal(16, a.Length);
    }

    [Fact]
    public void FiringAndSilenced_AreRecordedAtTheirEpisodeStart()
    {
        var transitions = AlertTransitions.Compute([Am("s1")], [], [], Now);

        Assert.Equal(2, transitions.Count);
        var firing = transitions[0];
        Assert.Equal(AlertTransitionState.Firing, firing.State);
        Assert.Equal(Fired, firing.EpisodeStart);
        Assert.Equal(Fired, firing.At);
        Assert.Equal("critical", firing.Severity);
        Assert.Equal(AlertFingerprint.Of(Labels), firing.Fingerprint);
        var silenced = transitions[1];
        Assert.Equal(AlertTransitionState.Silenced, silenced.State);
        Assert.Equal("s1", silenced.Detail);
        Assert.Equal(Now, silenced.At);
    }

    [Fact]
    public void Pending_ComesFromPrometheus()
    {
        var activeAt = Now.AddSeconds(-30);
        var pending = new PrometheusAlert(Labels, new Dictionary<string, string>(), PrometheusAlertState.Pending, activeAt, 0.05);
        var firingInPrometheus = new PrometheusAlert(Labels, new Dictionary<string, string>(), PrometheusAlertState.Firing, activeAt, 0.05);

        var transitions = AlertTransitions.Compute([], [pending, firingInPrometheus], [], Now);

        var only = Assert.Single(transitions);
        Assert.Equal(AlertTransitionState.Pending, only.State);
        Assert.Equal(activeAt, only.EpisodeStart);
    }

    [Fact]
    public void AnOpenEpisodeGoneFromAlertmanager_IsResolvedWithItsDuration()
    {
        var transitions = AlertTransitions.Compute([], [], [Open()], Now);

        var resolved = Assert.Single(transitions);
        Assert.Equal(AlertTransitionState.Resolved, resolved.State);
        Assert.Equal(Now, resolved.At);
        Assert.Equal(TimeSpan.FromMinutes(20), resolved.Duration);
        Assert.Equal(Fired, resolved.EpisodeStart);
    }

    [Fact]
    public void AnAlertWhoseEndsAtPassed_IsResolvedNotFiring()
    {
        var ended = Am() with { EndsAt = Now.AddMinutes(-1) };

        var transitions = AlertTransitions.Compute([ended], [], [Open()], Now);

        Assert.Equal(AlertTransitionState.Resolved, Assert.Single(transitions).State);
    }

    [Fact]
    public void ASilenceNoLongerApplying_IsUnsilenced()
    {
        var transitions = AlertTransitions.Compute([Am()], [], [Open("s1")], Now);

        Assert.Equal([AlertTransitionState.Firing, AlertTransitionState.Unsilenced], transitions.Select(t => t.State));
        Assert.Equal("s1", transitions[1].Detail);
    }

    [Fact]
    public void AlertmanagerUnreadable_ResolvesNothing()
    {
        var transitions = AlertTransitions.Compute(null, null, [Open("s1")], Now);

        Assert.Empty(transitions);
    }
}
