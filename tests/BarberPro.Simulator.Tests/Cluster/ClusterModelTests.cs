using BarberPro.Simulator.Cluster;
using BarberPro.Simulator.Tests.Support;

namespace BarberPro.Simulator.Tests.Cluster;

public sealed class ClusterModelTests
{
    private static readonly TimeSpan s_art = TimeSpan.FromHours(-3);

    private static DateTimeOffset Art(int hour, int minute = 0) => new(2026, 3, 10, hour, minute, 0, s_art);

    private static ClusterModel ModelAt(DateTimeOffset start, int seed = 1) => new(seed, new ManualTimeProvider(start), start);

    private static ClusterSnapshot Run(ClusterModel model, TimeSpan duration, TimeSpan? step = null, Action<ClusterSnapshot>? each = null)
    {
        var by = step ?? TimeSpan.FromSeconds(15);
        var snapshot = model.Snapshot();
        for (var elapsed = TimeSpan.Zero; elapsed < duration; elapsed += by)
        {
            snapshot = model.Advance(by, model.Now + by);
            each?.Invoke(snapshot);
        }

        return snapshot;
    }

    [Fact]
    public void Advance_NightVersusEveningPeak_FollowsTheArgentineDailyCurve()
    {
        var night = ModelAt(Art(4, 50));
        var nightEnd = Run(night, TimeSpan.FromMinutes(10));
        var evening = ModelAt(Art(20, 0));
        var eveningEnd = Run(evening, TimeSpan.FromMinutes(10));

        Assert.InRange(nightEnd.RequestsPerSecond, 650, 1_000);
        Assert.InRange(eveningEnd.RequestsPerSecond, 7_600, 9_400);
        Assert.InRange(nightEnd.Hpa.CurrentReplicas, 5, 6);
        Assert.InRange(eveningEnd.Hpa.CurrentReplicas, 22, 34);
    }

    [Fact]
    public void Advance_RequestCount_MatchesTheSimulatedRate()
    {
        var model = ModelAt(Art(12));
        var start = model.Snapshot();
        var end = Run(model, TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(1));

        var rate = Histograms.Requests(start, end) / 300.0;

        Assert.InRange(rate, 6_000, 7_500);
    }

    [Fact]
    public void Advance_Normal_LatencyAndErrorsMeetTheTargets()
    {
        var model = ModelAt(Art(19));
        var start = Run(model, TimeSpan.FromMinutes(1));
        var end = Run(model, TimeSpan.FromMinutes(10));

        Assert.InRange(Histograms.Average(start, end), 0.025, 0.06);
        Assert.InRange(Histograms.Quantile(0.95, start, end), 0.05, 0.095);
        Assert.InRange(Histograms.ServerErrorRatio(start, end), 0.0003, 0.0008);
        Assert.True(end.PostgresUp);
        Assert.True(end.RedisUp);
        Assert.All(end.Probes, p => Assert.InRange(p.DurationSeconds, 0.013, 0.095));
        Assert.Equal(["Buenos Aires", "Córdoba", "Rosario", "Mendoza"], end.Probes.Select(p => p.City));
        Assert.InRange(end.CpuUtilisation, 0.45, 0.8);
        Assert.All(end.Pods, p => Assert.InRange(p.MemoryBytes / p.MemoryLimitBytes, 0.35, 0.75));
    }

    [Theory]
    [InlineData("database-down", 0.25, 0.35)]
    [InlineData("error-burst", 0.025, 0.035)]
    public void SetScenario_ErrorScenarios_RaiseTheServerErrorShare(string name, double low, double high)
    {
        var model = ModelAt(Art(15));
        ClusterScenarios.TryGet(name, out var scenario);
        model.SetScenario(scenario);
        var start = Run(model, TimeSpan.FromMinutes(1));
        var end = Run(model, TimeSpan.FromMinutes(5));

        Assert.InRange(Histograms.ServerErrorRatio(start, end), low, high);
        Assert.True(Histograms.ServerErrorRatio(start, end) > 0.01, "HighErrorRate must fire");
        Assert.Equal(name != "database-down", end.PostgresUp);
    }

    [Fact]
    public void SetScenario_RedisDown_RedisIsDownAndP95AboveTheAlertThreshold()
    {
        var model = ModelAt(Art(11));
        model.SetScenario(ClusterScenarios.RedisDown);
        var start = Run(model, TimeSpan.FromMinutes(1));
        var end = Run(model, TimeSpan.FromMinutes(5));

        Assert.False(end.RedisUp);
        Assert.True(end.PostgresUp);
        Assert.InRange(Histograms.Quantile(0.95, start, end), 0.15, 0.3);
    }

    [Fact]
    public void SetScenario_LatencyRegression_P95AboveQuarterSecond()
    {
        var model = ModelAt(Art(3));
        model.SetScenario(ClusterScenarios.LatencyRegression);
        var start = Run(model, TimeSpan.FromMinutes(1));
        var end = Run(model, TimeSpan.FromMinutes(5));

        Assert.True(Histograms.Quantile(0.95, start, end) > 0.25);
        Assert.True(Histograms.Average(start, end) > 0.1);
    }

    [Fact]
    public void SetScenario_RecordsWhenFromTheInjectedClock()
    {
        var clock = new ManualTimeProvider();
        var model = new ClusterModel(3, clock, clock.GetUtcNow());
        clock.Advance(TimeSpan.FromMinutes(7));

        model.SetScenario(ClusterScenarios.ErrorBurst);

        Assert.Equal("error-burst", model.Scenario.Name);
        Assert.Equal(clock.GetUtcNow(), model.ScenarioSince);
    }

    [Fact]
    public void Advance_TrafficSpikeAtNight_ScalesToMaxWithinRateLimitsAndFiresCpuAndMemoryAlerts()
    {
        var model = ModelAt(Art(4));
        Run(model, TimeSpan.FromMinutes(10));
        var before = model.Snapshot().Hpa.SpecReplicas;
        model.SetScenario(ClusterScenarios.TrafficSpike);
        var history = new List<(DateTimeOffset At, int Spec)>();

        var end = Run(model, TimeSpan.FromMinutes(12), TimeSpan.FromSeconds(5), s => history.Add((s.Timestamp, s.Hpa.SpecReplicas)));

        Assert.Equal(5, before);
        Assert.InRange(end.RequestsPerSecond, 9_000, 13_000);
        Assert.Equal(50, end.Hpa.SpecReplicas);
        Assert.Equal(50, end.Hpa.CurrentReplicas);
        Assert.Equal(50, end.Pods.Count);
        Assert.All(history, h => Assert.InRange(h.Spec, 5, 50));
        foreach (var (at, spec) in history)
        {
            var minuteAgo = history.Where(h => h.At <= at - TimeSpan.FromSeconds(60)).Select(h => h.Spec).DefaultIfEmpty(before).Last();
            Assert.True(spec - minuteAgo <= 10, $"scaled from {minuteAgo} to {spec} within 60 s at {at}");
        }

        Assert.True(end.CpuUtilisation > 0.8, $"CPU per pod {end.CpuUtilisation:F2} cores must exceed 0.8 at 50 pods");
        Assert.True(end.Pods.Sum(p => p.MemoryBytes) / end.Pods.Sum(p => p.MemoryLimitBytes) > 0.9);
    }

    [Fact]
    public void Advance_AfterSpikeEnds_WaitsFiveMinutesThenScalesDownTwoPodsPerMinute()
    {
        var model = ModelAt(Art(4));
        model.SetScenario(ClusterScenarios.TrafficSpike);
        Run(model, TimeSpan.FromMinutes(12));
        Assert.Equal(50, model.Snapshot().Hpa.SpecReplicas);
        model.SetScenario(ClusterScenarios.Normal);
        var calmFrom = model.Now;
        var history = new List<(TimeSpan After, int Spec)>();

        Run(model, TimeSpan.FromMinutes(30), TimeSpan.FromSeconds(5), s => history.Add((s.Timestamp - calmFrom, s.Hpa.SpecReplicas)));

        Assert.All(history.Where(h => h.After < TimeSpan.FromSeconds(290)), h => Assert.Equal(50, h.Spec));
        Assert.True(history[^1].Spec < 50);
        Assert.True(history[^1].Spec >= 50 - (2 * 26), "at most 2 pods per minute once the 300 s window passed");
        foreach (var (after, spec) in history)
        {
            var minuteAgo = history.Where(h => h.After <= after - TimeSpan.FromSeconds(60)).Select(h => h.Spec).DefaultIfEmpty(50).Last();
            Assert.True(minuteAgo - spec <= 2, $"scaled down from {minuteAgo} to {spec} within 60 s");
        }
    }

    [Fact]
    public void Advance_AnyScenarioForHours_KeepsReplicasWithinHpaBounds()
    {
        var model = ModelAt(Art(0));
        var min = int.MaxValue;
        var max = int.MinValue;
        foreach (var scenario in ClusterScenarios.All.Concat(ClusterScenarios.All))
        {
            model.SetScenario(scenario);
            Run(model, TimeSpan.FromHours(2), TimeSpan.FromSeconds(30), s =>
            {
                min = Math.Min(min, s.Hpa.SpecReplicas);
                max = Math.Max(max, s.Hpa.SpecReplicas);
                Assert.Equal(5, s.Hpa.MinReplicas);
                Assert.Equal(50, s.Hpa.MaxReplicas);
            });
        }

        Assert.Equal(5, min);
        Assert.Equal(50, max);
    }

    [Fact]
    public void Advance_Counters_NeverDecrease()
    {
        var model = ModelAt(Art(9));
        var previous = model.Snapshot();
        var (requestSeries, podsCompared) = (0, 0);
        foreach (var scenario in ClusterScenarios.All)
        {
            model.SetScenario(scenario);
            Run(model, TimeSpan.FromMinutes(20), TimeSpan.FromSeconds(7), current =>
            {
                foreach (var (now, before) in current.Requests.Zip(previous.Requests))
                {
                    requestSeries++;
                    Assert.All(now.BucketCounts.Zip(before.BucketCounts), b => Assert.True(b.First >= b.Second));
                    Assert.True(now.Sum >= before.Sum);
                }

                foreach (var pod in current.Pods)
                {
                    if (previous.Pods.FirstOrDefault(p => p.Name == pod.Name) is { } earlier)
                    {
                        podsCompared++;
                        Assert.True(pod.CpuSecondsTotal >= earlier.CpuSecondsTotal);
                    }
                }

                previous = current;
            });
        }

        Assert.True(requestSeries > 0 && podsCompared > 0, $"compared {requestSeries} request series and {podsCompared} pods");
    }

    [Fact]
    public void Advance_SameSeedAndTimes_GivesTheSameCluster()
    {
        var first = Run(ModelAt(Art(18), seed: 42), TimeSpan.FromMinutes(30));
        var second = Run(ModelAt(Art(18), seed: 42), TimeSpan.FromMinutes(30));
        var other = Run(ModelAt(Art(18), seed: 43), TimeSpan.FromMinutes(30));

        Assert.Equal(first.Requests.Select(r => r.Count), second.Requests.Select(r => r.Count));
        Assert.Equal(first.Pods.Select(p => (p.Name, p.CpuSecondsTotal)), second.Pods.Select(p => (p.Name, p.CpuSecondsTotal)));
        Assert.NotEqual(first.Requests.Select(r => r.Count), other.Requests.Select(r => r.Count));
    }

    [Fact]
    public void Advance_BucketSums_StayInsideTheirBuckets()
    {
        var end = Run(ModelAt(Art(13)), TimeSpan.FromMinutes(5));
        foreach (var series in end.Requests)
        {
            for (var b = 0; b < ClusterModel.LatencyBuckets.Count; b++)
            {
                if (series.BucketCounts[b] > 0)
                {
                    var mean = series.BucketSums[b] / series.BucketCounts[b];
                    Assert.InRange(mean, b == 0 ? 0 : ClusterModel.LatencyBuckets[b - 1], ClusterModel.LatencyBuckets[b]);
                }
            }
        }
    }
}
