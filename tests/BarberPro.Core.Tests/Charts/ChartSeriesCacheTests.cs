using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using BarberPro.Core.Charts;
using BarberPro.Core.Prometheus;
using BarberPro.Core.Tests.Prometheus;
using Microsoft.Extensions.Options;

namespace BarberPro.Core.Tests.Charts;

/// <summary>The shared cache of chart range series, against the fake Prometheus that counts every request.</summary>
public sealed class ChartSeriesCacheTests : IDisposable
{
    private readonly PrometheusTestHost _host = new();
    private readonly PanelQueryCatalog _catalog = new(Options.Create(new PanelQueryOptions()));

    /// <summary>Held open until the test releases it, so every viewer's request is in flight at once.</summary>
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ChartSeriesCacheTests()
    {
        _host.Handler.Fallback = async (request, ct) =>
        {
            await _release.Task.WaitAsync(ct);
            return await MatrixEveryOtherStepAsync(request, ct);
        };

        // One minute after a 7-day chart's step boundary (15 min), so the viewers' second stays inside one window.
        var now = _host.Time.GetUtcNow();
        var step = RangeStep.Step(TimeSpan.FromDays(7), TimeSpan.FromSeconds(15));
        _host.Time.Set(DateTimeOffset.FromUnixTimeMilliseconds(now.ToUnixTimeMilliseconds() / (long)step.TotalMilliseconds * (long)step.TotalMilliseconds)
            + step + TimeSpan.FromMinutes(1));
    }

    private ChartSeriesCache Cache(int maxEntries = ChartSeriesCache.DefaultMaxEntries) => new(_host.Client, _catalog, _host.Time, maxEntries);

    [Fact]
    public async Task AHundredViewersOpeningTheSame7DayChartWithinASecond_CauseExactlyOneRangeQuery()
    {
        var cache = Cache();
        using var asked = new CountdownEvent(100);
        var viewers = new List<Task<ChartSeries>>();
        for (var i = 0; i < 100; i++)
        {
            viewers.Add(Task.Run(async () =>
            {
                var answer = cache.GetAsync(ChartKeys.Throughput, "7d", CancellationToken.None);
                asked.Signal();
                return await answer;
            }));
            _host.Time.Advance(TimeSpan.FromMilliseconds(9.9));
        }

        // Every viewer has asked while the one query is still in flight.
        Assert.True(asked.Wait(TimeSpan.FromSeconds(10)));
        Assert.DoesNotContain(viewers, v => v.IsCompleted);
        _release.SetResult();
        var answers = await Task.WhenAll(viewers);

        Assert.Equal(1, _host.Handler.Calls);
        Assert.EndsWith("/api/v1/query_range", _host.Handler.Requests[0].Uri.AbsolutePath, StringComparison.Ordinal);
        Assert.Equal("900", _host.Handler.Requests[0].Form["step"]);
        Assert.All(answers, a => Assert.Same(answers[0], a));

        var late = await cache.GetAsync(ChartKeys.Throughput, "7d", CancellationToken.None);
        Assert.Same(answers[0], late);
        Assert.Equal(1, _host.Handler.Calls);
    }

    [Fact]
    public async Task AChartOfThreeLines_AsksThreeQueries_HoweverManyViewers()
    {
        _release.SetResult();
        var cache = Cache();

        await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => cache.GetAsync(ChartKeys.Latency, "24h", CancellationToken.None))));

        Assert.Equal(3, _host.Handler.Calls);
    }

    [Fact]
    public async Task TheNextAlignedWindow_AsksAgain_AndTheEntryItReplacesExpires()
    {
        _release.SetResult();
        var cache = Cache(maxEntries: 1);
        var first = await cache.GetAsync(ChartKeys.Throughput, "7d", CancellationToken.None);

        // The 7-day step is 15 minutes; the clock stands one minute past a step boundary.
        _host.Time.Advance(TimeSpan.FromMinutes(13.9));
        Assert.Same(first, await cache.GetAsync(ChartKeys.Throughput, "7d", CancellationToken.None));
        _host.Time.Advance(TimeSpan.FromMinutes(0.2));
        var second = await cache.GetAsync(ChartKeys.Throughput, "7d", CancellationToken.None);

        Assert.Equal(2, _host.Handler.Calls);
        Assert.Equal(first.End + TimeSpan.FromMinutes(15), second.End);
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public async Task TheCache_NeverHoldsMoreEntriesThanItsBound()
    {
        _release.SetResult();
        var cache = Cache(maxEntries: 3);

        foreach (var range in RangeStep.StandardRanges.Keys)
        {
            await cache.GetAsync(ChartKeys.Throughput, range, CancellationToken.None);
        }

        Assert.Equal(3, cache.Count);
        Assert.Equal(5, _host.Handler.Calls);
    }

    [Fact]
    public async Task AFailedQuery_ReachesEveryWaiter_ButIsNotCached()
    {
        var refuse = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _host.Handler.Enqueue(async (request, ct) =>
        {
            await refuse.Task.WaitAsync(ct);
            return await Respond.Json(HttpStatusCode.BadRequest, PrometheusFixtures.BadData)(request, ct);
        });
        var cache = Cache();
        var waiters = Enumerable.Range(0, 5).Select(_ => cache.GetAsync(ChartKeys.Throughput, "1h", CancellationToken.None)).ToList();
        await _host.Handler.RequestArrived.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(1, _host.Handler.Calls);
        refuse.SetResult();

        foreach (var waiter in waiters)
        {
            var error = await Assert.ThrowsAsync<PrometheusException>(() => waiter);
            Assert.Equal(PrometheusErrorKind.BadData, error.Kind);
        }

        _release.SetResult();
        var answer = await cache.GetAsync(ChartKeys.Throughput, "1h", CancellationToken.None);

        Assert.Equal(2, _host.Handler.Calls);
        Assert.NotEmpty(answer.Lines[0].Points);
    }

    [Fact]
    public async Task AViewerWhoLeaves_DoesNotCancelTheQueryTheOthersWaitFor()
    {
        var cache = Cache();
        using var leaving = new CancellationTokenSource();
        var leaver = cache.GetAsync(ChartKeys.Throughput, "6h", leaving.Token);
        var stayer = cache.GetAsync(ChartKeys.Throughput, "6h", CancellationToken.None);
        await _host.Handler.RequestArrived.Task.WaitAsync(TimeSpan.FromSeconds(10));

        await leaving.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => leaver);
        _release.SetResult();

        Assert.NotEmpty((await stayer).Lines[0].Points);
        Assert.Equal(1, _host.Handler.Calls);
    }

    [Fact]
    public async Task ASeries_SpansTheWholeWindow_WithNullWhereDataIsMissing()
    {
        _release.SetResult();
        var series = await Cache().GetAsync(ChartKeys.Errors, "1h", CancellationToken.None);

        var window = _catalog.RangeWindow(_host.Time.GetUtcNow(), TimeSpan.FromHours(1));
        var points = series.Lines.Single().Points;
        Assert.Equal((window.Start, window.End, window.Step), (series.Start, series.End, series.Step));
        Assert.Equal(window.PointCount, points.Count);
        Assert.Equal(window.Start.ToUnixTimeMilliseconds(), points[0].UnixMilliseconds);
        Assert.Equal(window.End.ToUnixTimeMilliseconds(), points[^1].UnixMilliseconds);

        // The fake answers every other step with 0.0123 (1.23 % in the chart's unit) and leaves the rest out.
        Assert.Equal(1.23, points[0].Value);
        Assert.Null(points[1].Value);
        Assert.Equal(points.Count / 2, points.Count(p => p.Value is null));
        Assert.Equal("[1000,null]", JsonSerializer.Serialize(new ChartPoint(1000, null)));
        Assert.Equal("[1000,1.23]", JsonSerializer.Serialize(new ChartPoint(1000, 1.23)));
    }

    [Fact]
    public async Task The5xxChart_UsesAtLeastTheHighErrorRateRulesWindow()
    {
        _release.SetResult();
        await Cache().GetAsync(ChartKeys.Errors, "15m", CancellationToken.None);
        await Cache().GetAsync(ChartKeys.Errors, "7d", CancellationToken.None);

        var queries = _host.Handler.Requests.Select(r => r.Form["query"]).ToList();
        Assert.Contains("[5m]", queries[0], StringComparison.Ordinal);
        Assert.Contains("[15m15s]", queries[1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("uptime", "1h")]
    [InlineData("throughput", "13m")]
    public async Task UnknownChartsAndRanges_AreRefusedWithoutAQuery(string chart, string range)
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => Cache().GetAsync(chart, range, CancellationToken.None));

        Assert.Contains("must be one of", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, _host.Handler.Calls);
    }

    /// <summary>A matrix with a value at every other step of the asked window (0.0123), as Prometheus leaves out steps without data.</summary>
    private static async Task<HttpResponseMessage> MatrixEveryOtherStepAsync(HttpRequestMessage request, CancellationToken ct)
    {
        var form = new RecordedRequest(request.Method, request.RequestUri!, null, await request.Content!.ReadAsStringAsync(ct)).Form;
        var start = double.Parse(form["start"], CultureInfo.InvariantCulture);
        var end = double.Parse(form["end"], CultureInfo.InvariantCulture);
        var step = double.Parse(form["step"], CultureInfo.InvariantCulture);
        var values = new List<string>();
        for (var (t, i) = (start, 0); t <= end; t += step, i++)
        {
            if (i % 2 == 0)
            {
                values.Add($"[{t.ToString(CultureInfo.InvariantCulture)},\"0.0123\"]");
            }
        }

        var json = """{"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":[""" + string.Join(",", values) + "]}]}}";
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
    }

    public void Dispose() => _host.Dispose();
}
