using System.Net;
using System.Net.Http.Json;
using BarberPro.Core.Alerts;
using BarberPro.Core.Security;
using BarberPro.Dashboard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace BarberPro.Dashboard.Tests.Alerts;

/// <summary>
/// The alert reader against the real Alertmanager, Prometheus and PostgreSQL of the stack: each transition of an alert
/// (pushed straight to Alertmanager with a label of its own, so no timing of Prometheus is involved) lands once in
/// dashboard.alert_transitions, however many readers poll at the same time.
/// </summary>
public sealed class AlertHistoryTests(AlertHistoryTests.Factory factory) : IClassFixture<AlertHistoryTests.Factory>
{
    public sealed class Factory : AlertmanagerDashboardFactory;

    private readonly string _run = Guid.NewGuid().ToString("N");

    private AlertReader Reader => factory.Services.GetServices<IHostedService>().OfType<AlertReader>().Single();

    private AlertmanagerClient Client => factory.Services.GetRequiredService<AlertmanagerClient>();

    private AlertHistoryStore History => factory.Services.GetRequiredService<AlertHistoryStore>();

    [Fact]
    public async Task EveryTransition_IsRecordedOnce_WithTheResolvedDuration()
    {
        var labels = new Dictionary<string, string> { ["alertname"] = "HistoryProbe", ["severity"] = "warning", ["test_run"] = _run };
        var fingerprint = AlertFingerprint.Of(labels);
        var startsAt = DateTimeOffset.UtcNow.AddMinutes(-2);
        await PushAsync(labels, startsAt, startsAt.AddMinutes(30));

        // Firing: two readers polling together (as two instances would) store it once.
        await Task.WhenAll(Reader.PollAsync(CancellationToken.None), Reader.PollAsync(CancellationToken.None));
        var inbox = await PollUntilAsync(i => i.Firing.Any(a => a.Fingerprint == fingerprint));
        var shown = inbox.Firing.Single(a => a.Fingerprint == fingerprint);
        Assert.Equal("HistoryProbe", shown.AlertName);
        Assert.Equal("warning", shown.Severity);
        Assert.Empty(shown.SilencedBy);

        // Silenced, then the silence expired.
        var now = DateTimeOffset.UtcNow;
        var silence = await Client.SaveSilenceAsync(new SilenceRequest([SilenceMatcher.Exact("test_run", _run)], now, now.AddHours(1), "tests", "history"));
        await PollUntilAsync(i => i.Firing.Any(a => a.Fingerprint == fingerprint && a.SilencedBy.Contains(silence)));
        await Client.ExpireSilenceAsync(silence);
        await PollUntilAsync(i => i.Firing.Any(a => a.Fingerprint == fingerprint && a.SilencedBy.Count == 0));

        // Resolved: the alert sent again with its end now, as Prometheus does.
        await PushAsync(labels, startsAt, DateTimeOffset.UtcNow);
        inbox = await PollUntilAsync(i => i.Resolved.Any(t => t.Fingerprint == fingerprint));
        await Reader.PollAsync(CancellationToken.None);

        var rows = (await History.GetTransitionsAsync(startsAt.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1), 1000, CancellationToken.None))
            .Where(t => t.Fingerprint == fingerprint).OrderBy(t => t.At).ThenBy(t => t.State).ToArray();
        Assert.Equal(
            [AlertTransitionState.Firing, AlertTransitionState.Silenced, AlertTransitionState.Unsilenced, AlertTransitionState.Resolved],
            rows.Select(r => r.State));
        Assert.All(rows, r => Assert.Equal(startsAt.ToUnixTimeMilliseconds(), r.EpisodeStart.ToUnixTimeMilliseconds()));
        Assert.Equal(silence, rows[1].Detail);
        Assert.Equal(silence, rows[2].Detail);
        var resolved = rows[3];
        Assert.InRange(resolved.Duration!.Value, TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(3));
        Assert.Equal("HistoryProbe", resolved.AlertName);
        Assert.Equal(_run, resolved.Labels["test_run"]);
        Assert.Contains(inbox.Resolved, t => t.Fingerprint == fingerprint && t.Duration >= TimeSpan.FromMinutes(2));

        // "What fired overnight": this episode is counted in a window holding its start.
        Assert.True(await History.CountFiredAsync(startsAt.AddSeconds(-1), startsAt.AddSeconds(1), CancellationToken.None) >= 1);
    }

    [Fact]
    public async Task AlertsPage_ListsTheFiringAlertForAViewer()
    {
        var labels = new Dictionary<string, string> { ["alertname"] = "InboxProbe", ["severity"] = "critical", ["test_run"] = _run };
        var startsAt = DateTimeOffset.UtcNow.AddMinutes(-1);
        await PushAsync(labels, startsAt, startsAt.AddMinutes(30));
        await PollUntilAsync(i => i.Firing.Any(a => a.AlertName == "InboxProbe" && a.Labels["test_run"] == _run));
        using var viewer = await factory.SignInAsRoleAsync(Roles.Viewer);

        var page = await viewer.Http.GetStringAsync("/alerts");

        Assert.Contains("data-alert=\"InboxProbe\"", page, StringComparison.Ordinal);
        Assert.Contains($"test_run={_run}", page, StringComparison.Ordinal);
        Assert.Contains("data-severity=\"critical\"", page, StringComparison.Ordinal);
        Assert.Contains("</span> Critical", page, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"silence-alert\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("data-section=\"plan\"", page, StringComparison.Ordinal);
        await PushAsync(labels, startsAt, DateTimeOffset.UtcNow);
    }

    private static Task PushAsync(Dictionary<string, string> labels, DateTimeOffset startsAt, DateTimeOffset endsAt) =>
        AlertmanagerTestSupport.PushAsync(labels, startsAt, endsAt);

    private Task<AlertInbox> PollUntilAsync(Func<AlertInbox, bool> condition) => AlertmanagerTestSupport.PollUntilAsync(Reader, condition);
}

/// <summary>Alertmanager down (a closed port): the inbox says so, the other pages work.</summary>
public sealed class AlertsWithoutAlertmanagerTests(AlertsWithoutAlertmanagerTests.Factory factory) : IClassFixture<AlertsWithoutAlertmanagerTests.Factory>
{
    public sealed class Factory : DashboardFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            // Port 1 on loopback: refused at once.
            ["Alertmanager:BaseUrl"] = "http://127.0.0.1:1",
            ["Alerts:PollInterval"] = "00:00:01",
        };
    }

    [Fact]
    public async Task InboxSaysAlertmanagerIsDown_AndTheOverviewStillAnswers()
    {
        var reader = factory.Services.GetServices<IHostedService>().OfType<AlertReader>().Single();
        var inbox = await reader.PollAsync(CancellationToken.None);
        Assert.Equal(AlertSourceStatus.Unavailable, inbox.Alertmanager);
        Assert.StartsWith("Alertmanager cannot be reached at http://127.0.0.1:1/", inbox.AlertmanagerError, StringComparison.Ordinal);
        using var operatorBrowser = await factory.SignInAsRoleAsync(Roles.Operator);

        var alerts = await operatorBrowser.Http.GetAsync("/alerts");
        var overview = await operatorBrowser.Http.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, alerts.StatusCode);
        var page = await alerts.Content.ReadAsStringAsync();
        Assert.Contains("data-alertmanager-status=\"unavailable\"", page, StringComparison.Ordinal);
        Assert.Contains("Alertmanager is not answering", page, StringComparison.Ordinal);
        Assert.Contains("Unknown: Alertmanager could not be read.", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, overview.StatusCode);
    }
}
