using System.Net.Http.Json;
using BarberPro.Core.Alerts;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BarberPro.Core.Tests.Alerts;

/// <summary>
/// Against the real Alertmanager of the local stack (BARBERPRO_ALERTMANAGER_URL), through the production registration.
/// Each test pushes alerts of its own (a unique <c>test_run</c> label) straight to Alertmanager's API, so nothing
/// depends on Prometheus' timing or on other tests.
/// </summary>
public sealed class AlertmanagerLiveTests : IAsyncLifetime
{
    private const string UrlVariable = "BARBERPRO_ALERTMANAGER_URL";
    private readonly string _run = Guid.NewGuid().ToString("N");
    private ServiceProvider? _provider;
    private HttpClient? _raw;

    private AlertmanagerClient Client => _provider!.GetRequiredService<AlertmanagerClient>();

    public Task InitializeAsync()
    {
        var url = Environment.GetEnvironmentVariable(UrlVariable);
        Assert.False(
            string.IsNullOrWhiteSpace(url),
            $"{UrlVariable} is not set: run scripts/test.sh (or source $STACK_DIR/env) so the tests find the real Alertmanager.");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Alertmanager:BaseUrl"] = url,
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddAlertmanagerClient(configuration.GetSection(AlertmanagerOptions.SectionName));
        _provider = services.BuildServiceProvider();
        _provider.GetRequiredService<IStartupValidator>().Validate();
        _raw = new HttpClient { BaseAddress = new Uri(url!.TrimEnd('/') + "/") };
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _raw?.Dispose();
        if (_provider is not null)
        {
            await _provider.DisposeAsync();
        }
    }

    [Fact]
    public async Task Silence_ValueWithQuoteBackslashAndNewline_IsOneExactValueThatSilencesOnlyItsAlert()
    {
        const string tricky = "disk \"/var\" at C:\\data\nsecond line";
        const string lookalike = "disk \\\"/var\\\" at C:\\\\data\\nsecond line";
        await PushAlertAsync("EscapeProbe", ("detail", tricky));
        await PushAlertAsync("EscapeProbe", ("detail", lookalike));
        var now = DateTimeOffset.UtcNow;

        var id = await Client.SaveSilenceAsync(new SilenceRequest(
            [SilenceMatcher.Exact("test_run", _run), SilenceMatcher.Exact("detail", tricky)],
            now,
            now.AddHours(1),
            "tests@barberpro.example",
            "escaping test"));

        var silence = Assert.Single(await Client.GetSilencesAsync(), s => s.Id == id);
        Assert.Equal(SilenceState.Active, silence.State);
        Assert.Equal("tests@barberpro.example", silence.CreatedBy);
        Assert.Equal(new SilenceMatcher("detail", tricky, false, true), Assert.Single(silence.Matchers, m => m.Name == "detail"));

        var ours = await WaitForAlertsAsync(alerts => alerts.Count == 2 && alerts.Any(a => a.IsSilenced));
        var silenced = Assert.Single(ours, a => a.IsSilenced);
        Assert.Equal(tricky, silenced.Labels["detail"]);
        Assert.Equal([id], silenced.SilencedBy);
        Assert.Equal(AlertmanagerAlertState.Suppressed, silenced.State);
        Assert.False(Assert.Single(ours, a => a.Labels["detail"] == lookalike).IsSilenced);

        await Client.ExpireSilenceAsync(id);
    }

    [Fact]
    public async Task Silence_CreateListExtendExpire_RoundTrips()
    {
        await PushAlertAsync("LifecycleProbe");
        var now = DateTimeOffset.UtcNow;
        var matchers = new[] { SilenceMatcher.Exact("test_run", _run) };

        var id = await Client.SaveSilenceAsync(new SilenceRequest(matchers, now, now.AddHours(1), "tests@barberpro.example", "for an hour"));
        var extendedId = await Client.SaveSilenceAsync(new SilenceRequest(matchers, now, now.AddHours(3), "tests@barberpro.example", "for an hour (extended)", id));

        Assert.Equal(id, extendedId);
        var extended = Assert.Single(await Client.GetSilencesAsync(), s => s.Id == id);
        Assert.Equal(SilenceState.Active, extended.State);
        Assert.Equal("for an hour (extended)", extended.Comment);
        Assert.InRange(extended.EndsAt, now.AddHours(3).AddSeconds(-1), now.AddHours(3).AddSeconds(1));
        await WaitForAlertsAsync(alerts => alerts.Count == 1 && alerts[0].SilencedBy.Contains(id));

        await Client.ExpireSilenceAsync(id);

        Assert.Equal(SilenceState.Expired, Assert.Single(await Client.GetSilencesAsync(), s => s.Id == id).State);
        var after = await WaitForAlertsAsync(alerts => alerts.Count == 1 && !alerts[0].IsSilenced);
        Assert.Equal(AlertmanagerAlertState.Active, after[0].State);
    }

    [Fact]
    public async Task Silence_PlannedTomorrowTwoToFourArt_IsStoredAsFiveToSevenUtc()
    {
        var tomorrow = BarberPro.Core.Time.ArgentinaTime.DateOf(DateTimeOffset.UtcNow).AddDays(1);
        var (startsAt, endsAt) = MaintenanceWindowTime.ToUtc(tomorrow, new TimeOnly(2, 0), new TimeOnly(4, 0));

        var id = await Client.SaveSilenceAsync(new SilenceRequest(
            [SilenceMatcher.Exact("test_run", _run)], startsAt, endsAt, "tests@barberpro.example", "planned window"));

        var stored = Assert.Single(await Client.GetSilencesAsync(), s => s.Id == id);
        var utcDate = tomorrow.ToDateTime(TimeOnly.MinValue);
        Assert.Equal(new DateTimeOffset(utcDate.AddHours(5), TimeSpan.Zero), stored.StartsAt);
        Assert.Equal(new DateTimeOffset(utcDate.AddHours(7), TimeSpan.Zero), stored.EndsAt);
        Assert.Equal(SilenceState.Pending, stored.State);
        await Client.ExpireSilenceAsync(id);
    }

    [Fact]
    public async Task Silence_EndBeforeNow_IsRejectedWithAlertmanagersReason()
    {
        var past = DateTimeOffset.UtcNow.AddHours(-2);

        var ex = await Assert.ThrowsAsync<AlertmanagerException>(() => Client.SaveSilenceAsync(new SilenceRequest(
            [SilenceMatcher.Exact("test_run", _run)], past, past.AddHours(1), "tests@barberpro.example", "in the past")));

        Assert.Equal(AlertmanagerErrorKind.Rejected, ex.Kind);
        Assert.StartsWith("Alertmanager refused it: ", ex.Message, StringComparison.Ordinal);
    }

    private async Task PushAlertAsync(string name, params (string Name, string Value)[] labels)
    {
        var all = new Dictionary<string, string> { ["alertname"] = name, ["test_run"] = _run, ["severity"] = "warning" };
        foreach (var (n, v) in labels)
        {
            all[n] = v;
        }

        var now = DateTimeOffset.UtcNow;
        using var response = await _raw!.PostAsJsonAsync("api/v2/alerts", new[]
        {
            new { labels = all, annotations = new Dictionary<string, string> { ["summary"] = "test" }, startsAt = now, endsAt = now.AddMinutes(10) },
        });
        response.EnsureSuccessStatusCode();
    }

    private async Task<IReadOnlyList<AlertmanagerAlert>> WaitForAlertsAsync(Func<IReadOnlyList<AlertmanagerAlert>, bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        IReadOnlyList<AlertmanagerAlert> ours = [];
        while (!timeout.IsCancellationRequested)
        {
            ours = (await Client.GetAlertsAsync(timeout.Token)).Where(a => a.Labels.GetValueOrDefault("test_run") == _run).ToArray();
            if (condition(ours))
            {
                return ours;
            }

            await Task.Delay(100, timeout.Token);
        }

        Assert.Fail($"Alertmanager did not reach the expected alerts within 15 s; last: {string.Join("; ", ours.Select(a => $"{a.AlertName} {a.State} silencedBy=[{string.Join(",", a.SilencedBy)}]"))}");
        return ours;
    }
}
