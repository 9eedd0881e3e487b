using System.Text.Json.Nodes;
using BarberPro.Core.Live;
using BarberPro.Core.Prometheus;
using BarberPro.Core.Security;
using BarberPro.Dashboard.Live;
using BarberPro.Dashboard.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace BarberPro.Dashboard.Tests.Live;

/// <summary>
/// README: one poller per process, so the queries behind the live panels do not grow with viewers. Every request the
/// dashboard sends to the real Prometheus is counted (a handler inside the Prometheus client), and the poller is driven
/// by a manual clock, so each poll is one step: the same number of queries reaches Prometheus per poll with 1 viewer
/// and with 200 on /hubs/live, and connecting viewers sends none.
/// </summary>
public sealed class LiveFanoutTests(LiveFanoutTests.Factory factory, ITestOutputHelper output) : IClassFixture<LiveFanoutTests.Factory>
{
    /// <summary>The clock starts now, so the polls read the stack's real data (not an empty future).</summary>
    public sealed class Factory() : ClockedDashboardFactory(new ManualTimeProvider(DateTimeOffset.UtcNow))
    {
        private int _requests;

        public int PrometheusRequests => Volatile.Read(ref _requests);

        // No retries: their back-off runs on the manual clock, so one transient failure inside a poll (a slow answer on
        // a loaded machine) waited for a delay that never elapsed, and the first snapshot never came (seen once).
        // Without them every query is one request, failed or not, which is what this test counts.
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Prometheus:RetryCount"] = "0",
        };

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services =>
                services.AddHttpClient<PrometheusClient>().AddHttpMessageHandler(() => new CountingHandler(this)));
        }

        private sealed class CountingHandler(Factory owner) : DelegatingHandler
        {
            protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                Interlocked.Increment(ref owner._requests);
                return base.SendAsync(request, cancellationToken);
            }
        }
    }

    [Fact]
    public async Task QueriesPerPoll_AreTheSameWithOneViewerAndWith200()
    {
        var store = factory.Services.GetRequiredService<LiveSnapshotStore>();
        // The first snapshot comes after the host's start-up (migrations, the first poll of every source), which shares
        // 2 cores with the rest of this project's tests: it once took over 30 s in CI. Later polls are single steps.
        var first = await WaitForVersionAsync(store, 1, TimeSpan.FromSeconds(120));
        var viewers = new List<HubTestClient>();
        try
        {
            using var browser = await factory.SignInAsRoleAsync(Roles.Viewer);
            viewers.Add(await HubTestClient.ConnectAsync(factory.Server, "/hubs/live", browser.CookieHeader));
            var withOne = await OnePollAsync(store, viewers, first.Version);

            var beforeConnecting = factory.PrometheusRequests;
            while (viewers.Count < 200)
            {
                viewers.Add(await HubTestClient.ConnectAsync(factory.Server, "/hubs/live", browser.CookieHeader));
            }
            Assert.Equal(beforeConnecting, factory.PrometheusRequests);
            var with200 = await OnePollAsync(store, viewers, store.Current.Version);

            output.WriteLine($"Prometheus requests per poll: {withOne} with 1 viewer, {with200} with {viewers.Count}");
            Assert.True(withOne > 0, "the poll sent no query to Prometheus");
            Assert.Equal(withOne, with200);
        }
        finally
        {
            foreach (var viewer in viewers)
            {
                await viewer.DisposeAsync();
            }
        }
    }

    /// <summary>Moves the clock one poll interval and waits until every viewer has the new snapshot; returns the queries sent.</summary>
    private async Task<int> OnePollAsync(LiveSnapshotStore store, List<HubTestClient> viewers, long version)
    {
        var before = factory.PrometheusRequests;
        factory.Clock.Advance(TimeSpan.FromSeconds(1));
        await WaitForVersionAsync(store, version + 1);
        foreach (var viewer in viewers)
        {
            await NextSnapshotAsync(viewer, version + 1);
        }
        return factory.PrometheusRequests - before;
    }

    private static async Task<LiveSnapshot> WaitForVersionAsync(LiveSnapshotStore store, long version, TimeSpan? timeout = null)
    {
        var reached = new TaskCompletionSource<LiveSnapshot>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = store.Subscribe(s =>
        {
            if (s.Version >= version)
            {
                reached.TrySetResult(s);
            }
        });
        if (store.Current.Version >= version)
        {
            return store.Current;
        }
        return await reached.Task.WaitAsync(timeout ?? TimeSpan.FromSeconds(30));
    }

    private static async Task<JsonNode> NextSnapshotAsync(HubTestClient viewer, long version)
    {
        while (true)
        {
            var snapshot = (await viewer.NextAsync(LiveHub.ViewMessage, TimeSpan.FromSeconds(30)))[0]!;
            if (snapshot["version"]!.GetValue<long>() >= version)
            {
                return snapshot;
            }
        }
    }
}
