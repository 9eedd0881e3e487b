using BarberPro.Simulator.Cluster;

namespace BarberPro.Simulator.Tests.Cluster;

public sealed class HorizontalPodAutoscalerTests
{
    private static readonly DateTimeOffset s_start = new(2026, 5, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Evaluate_WithinTenPercentOfTarget_KeepsReplicas()
    {
        var hpa = new HorizontalPodAutoscaler();

        Assert.Equal(20, hpa.Evaluate(s_start, 20, 0.75));
        Assert.Equal(20, hpa.Evaluate(s_start.AddSeconds(15), 20, 0.65));
    }

    [Fact]
    public void Evaluate_HighCpu_ScalesUpByAtMostTenPodsPerMinute()
    {
        var hpa = new HorizontalPodAutoscaler();
        var replicas = 5;
        var steps = new List<int>();
        for (var i = 0; i < 8; i++)
        {
            replicas = hpa.Evaluate(s_start.AddSeconds(15 * i), replicas, 1.4);
            steps.Add(replicas);
        }

        // ceil(5 × 1.4 / 0.7) = 10 at once; then the 60 s stabilisation window and the +10 per 60 s policy hold it.
        Assert.Equal([10, 10, 10, 10, 10, 20, 20, 20], steps);
    }

    [Fact]
    public void Evaluate_DesiredAboveMax_IsClampedToFifty()
    {
        var hpa = new HorizontalPodAutoscaler();
        var replicas = 45;

        replicas = hpa.Evaluate(s_start, replicas, 5.0);

        Assert.Equal(50, replicas);
    }

    [Fact]
    public void Evaluate_LowCpu_WaitsForTheStabilisationWindowAndNeverGoesBelowFive()
    {
        var hpa = new HorizontalPodAutoscaler();
        var replicas = hpa.Evaluate(s_start, 12, 0.7);
        var history = new List<int>();
        for (var i = 1; i <= 60; i++)
        {
            replicas = hpa.Evaluate(s_start.AddSeconds(15 * i), replicas, 0.05);
            history.Add(replicas);
        }

        Assert.All(history.Take(20), r => Assert.Equal(12, r));
        Assert.Equal(10, history[20]);
        Assert.Equal(5, history[^1]);
        Assert.All(history, r => Assert.True(r >= 5));
    }
}
