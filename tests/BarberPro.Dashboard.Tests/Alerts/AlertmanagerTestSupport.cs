using System.Net;
using System.Net.Http.Json;
using BarberPro.Core.Alerts;
using BarberPro.Dashboard.Tests.Infrastructure;

namespace BarberPro.Dashboard.Tests.Alerts;

/// <summary>A dashboard reading the stack's real Alertmanager every second.</summary>
public class AlertmanagerDashboardFactory : DashboardFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Alertmanager:BaseUrl"] = TestEnvironment.Require("BARBERPRO_ALERTMANAGER_URL"),
        ["Alerts:PollInterval"] = "00:00:01",
    };
}

/// <summary>Alerts pushed straight to the real Alertmanager (no Prometheus timing involved), and polls until the inbox shows what is expected.</summary>
public static class AlertmanagerTestSupport
{
    /// <summary>Sends one alert as Prometheus does: with its end in the future while it fires, with its end now to resolve it.</summary>
    public static async Task PushAsync(Dictionary<string, string> labels, DateTimeOffset startsAt, DateTimeOffset endsAt, string summary = "probe")
    {
        using var http = new HttpClient { BaseAddress = new Uri(TestEnvironment.Require("BARBERPRO_ALERTMANAGER_URL").TrimEnd('/') + "/") };
        using var response = await http.PostAsJsonAsync("api/v2/alerts", new[]
        {
            new { labels, annotations = new Dictionary<string, string> { ["summary"] = summary }, startsAt, endsAt },
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>
    /// Polls <paramref name="reader"/> until its inbox meets <paramref name="condition"/> (at most 60 s). The conditions
    /// are about Alertmanager, but each poll also asks the shared Prometheus for pending alerts, with the tests' 15 s
    /// timeout per attempt: one Prometheus stall under the full suite (seen once: 20 s) used up a 20 s budget in a
    /// single poll and failed two tests whose subject was not Prometheus at all.
    /// </summary>
    public static async Task<AlertInbox> PollUntilAsync(AlertReader reader, Func<AlertInbox, bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            var inbox = await reader.PollAsync(timeout.Token);
            if (condition(inbox))
            {
                return inbox;
            }

            await Task.Delay(200, timeout.Token);
        }
    }
}
