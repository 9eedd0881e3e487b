using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using BarberPro.Dashboard.Tests.Infrastructure;

namespace BarberPro.Dashboard.Tests;

/// <summary>
/// A Prometheus that accepts connections and never answers must not make /ready slow or failing: Kubernetes would
/// take every dashboard pod out of service for a dependency that is only reported.
/// </summary>
public sealed class ReadyWithHangingPrometheusTests(ReadyWithHangingPrometheusTests.HangingPrometheusFactory factory)
    : IClassFixture<ReadyWithHangingPrometheusTests.HangingPrometheusFactory>
{
    public sealed class HangingPrometheusFactory : DashboardFactory
    {
        // Listening but never accepting: connections complete in the kernel's backlog and no byte ever comes back.
        private readonly TcpListener _silent = StartSilent();

        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Prometheus:BaseUrl"] = $"http://127.0.0.1:{((IPEndPoint)_silent.LocalEndpoint).Port}",
        };

        private static TcpListener StartSilent()
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return listener;
        }

        protected override void Dispose(bool disposing)
        {
            _silent.Stop();
            base.Dispose(disposing);
        }
    }

    [Fact]
    public async Task Ready_StaysOkAndQuick_ReportingPrometheusDegraded()
    {
        using var browser = factory.CreateBrowser();
        var watch = Stopwatch.StartNew();
        var response = await browser.Http.GetAsync("/ready");
        watch.Stop();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"prometheus\":{\"status\":\"Degraded\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), $"/ready took {watch.Elapsed.TotalSeconds:0.0} s");
    }
}
