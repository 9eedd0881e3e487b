using BarberPro.Core.Capacity;

namespace BarberPro.Core.Tests.Capacity;

public sealed class CapacityProjectionTests
{
    /// <summary>The seeds' predict_scaling_needs() at g = 0.15 from 10,000 users, as their Python prints it.</summary>
    public static readonly TheoryData<int, long, long, string> SeedTable = new()
    {
        { 1, 11_500, 7_820, "auto" },
        { 2, 13_224, 8_993, "auto" },
        { 3, 15_208, 10_341, "auto" },
        { 4, 17_490, 11_893, "auto" },
        { 5, 20_113, 13_677, "auto" },
        { 6, 23_130, 15_728, "auto" },
        { 7, 26_600, 18_088, "auto" },
        { 8, 30_590, 20_801, "auto" },
        { 9, 35_178, 23_921, "auto" },
        { 10, 40_455, 27_509, "auto" },
        { 11, 46_523, 31_636, "auto" },
        { 12, 53_502, 36_381, "manual review" },
    };

    [Theory]
    [MemberData(nameof(SeedTable))]
    public void Project_SeedDefaults_ReproducesTheSeedsTableExactly(int month, long users, long cost, string action)
    {
        var rows = CapacityProjection.Project(CapacityAssumptions.Seed);

        var row = rows[month - 1];
        Assert.Equal(month, row.Month);
        Assert.Equal(users, row.Users);
        Assert.Equal(cost, row.InfrastructureCostUsd);
        Assert.Equal(action, row.ActionText);
    }

    [Fact]
    public void Project_SeedDefaults_HasTwelveMonths()
    {
        Assert.Equal(12, CapacityProjection.Project(CapacityAssumptions.Seed).Count);
    }

    [Fact]
    public void Project_ThresholdIsExclusive_ExactlyAtTheThresholdNeedsManualReview()
    {
        var rows = CapacityProjection.Project(new CapacityAssumptions(0, 50_000, 1, 50_000, 3));

        Assert.All(rows, r => Assert.Equal(ScalingAction.ManualReview, r.Action));
        Assert.All(rows, r => Assert.Equal(50_000, r.InfrastructureCostUsd));
    }

    [Fact]
    public void Project_NegativeGrowth_Shrinks()
    {
        var rows = CapacityProjection.Project(new CapacityAssumptions(-0.5, 1_000, 0.68, 50_000, 2));

        Assert.Equal([500L, 250L], rows.Select(r => r.Users));
        Assert.Equal([340L, 170L], rows.Select(r => r.InfrastructureCostUsd));
    }

    [Fact]
    public void Measure_PodsAtHalfTheCpuTarget_CarryMoreUsersPerPodAndFindTheHpaMonth()
    {
        var assumptions = CapacityAssumptions.Seed;
        var rows = CapacityProjection.Project(assumptions);

        // 10 pods at 35 % CPU: 1,000 users per pod now, 2,000 at the 70 % target.
        var headroom = CapacityProjection.Measure(assumptions, rows, new CapacityMeasurement(5_000, 10, 0.35, 50), 0.70);

        Assert.Equal(500, headroom.RequestsPerPod);
        Assert.Equal(1_000, headroom.UsersPerPod);
        Assert.Equal(2_000, headroom.UsersPerPodAtTarget!.Value, 6);
        Assert.Equal(6, headroom.PodsNeeded[0]); // ⌈11,500 / 2,000⌉
        Assert.Equal(27, headroom.PodsNeeded[11]); // ⌈53,502.5 / 2,000⌉
        Assert.Null(headroom.HpaMaxReachedMonth);
    }

    [Fact]
    public void Measure_FullPods_ReachTheHpaMaximumInTheFirstMonthNeedingIt()
    {
        var assumptions = CapacityAssumptions.Seed;
        var rows = CapacityProjection.Project(assumptions);

        // 40 pods at the CPU target: 250 users per pod; 50 pods carry 12,500 users, passed in month 2 (13,225).
        var headroom = CapacityProjection.Measure(assumptions, rows, new CapacityMeasurement(null, 40, 0.70, 50), 0.70);

        Assert.Null(headroom.RequestsPerPod);
        Assert.Equal(46, headroom.PodsNeeded[0]);
        Assert.Equal(53, headroom.PodsNeeded[1]);
        Assert.Equal(2, headroom.HpaMaxReachedMonth);
    }

    [Fact]
    public void Measure_WithoutAPodCount_GivesNoHeadroomRatherThanAGuess()
    {
        var rows = CapacityProjection.Project(CapacityAssumptions.Seed);

        var headroom = CapacityProjection.Measure(CapacityAssumptions.Seed, rows, new CapacityMeasurement(100, null, 0.5, 50), 0.70);

        Assert.Empty(headroom.PodsNeeded);
        Assert.Null(headroom.UsersPerPod);
        Assert.Null(headroom.HpaMaxReachedMonth);
    }

    [Fact]
    public void Parse_PercentInput_BecomesAFraction()
    {
        var parsed = CapacityRules.Parse("15", "10,000", "0.68", "50000", "12");

        Assert.Equal(CapacityAssumptions.Seed, parsed);
    }

    [Fact]
    public void Parse_EveryFieldWrong_NamesEveryField()
    {
        var error = Assert.Throws<CapacityInputException>(() => CapacityRules.Parse("fast", "0", "-1", "x", "40"));

        foreach (var field in new[] { "Growth rate", "Current users", "Cost per user", "Manual-review threshold", "Months" })
        {
            Assert.Contains(field, error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Plan_HpaMaximumReachedInMonthFive_NoLaterMonthSaysAuto()
    {
        // 10 pods at the 70 % target: 1,000 users per pod; an HPA maximum of 20 pods is reached in month 5 (20,113 users).
        var plan = CapacityProjection.Plan(CapacityAssumptions.Seed, new CapacityMeasurement(null, 10, 0.70, 20), 0.70);

        Assert.Equal(5, plan.HpaMaxReachedMonth);
        Assert.Equal(12, plan.ReviewReachedMonth);
        Assert.Equal(
            ["auto", "auto", "auto", "auto", "raise the HPA maximum", "raise the HPA maximum", "raise the HPA maximum", "raise the HPA maximum",
             "raise the HPA maximum", "raise the HPA maximum", "raise the HPA maximum", "manual review"],
            plan.Rows.Select(r => r.ActionText));
        Assert.Equal(21, plan.Rows[4].PodsNeeded); // ⌈20,113.57 / 1,000⌉
        Assert.DoesNotContain(plan.Rows, r => r.Month >= plan.HpaMaxReachedMonth && r.Action == ScalingAction.Auto);
    }

    [Fact]
    public void Plan_WhatIfHpaMaximum_ReplacesTheMeasuredOne()
    {
        var plan = CapacityProjection.Plan(CapacityAssumptions.Seed, new CapacityMeasurement(null, 10, 0.70, 20), 0.70, hpaMax: 60);

        Assert.Null(plan.HpaMaxReachedMonth);
        Assert.Equal(60, plan.Headroom.HpaMax);
        Assert.Equal(11, plan.Rows.Count(r => r.Action == ScalingAction.Auto));
    }

    [Fact]
    public void Plan_WithoutAPodCount_ActsOnTheReviewThresholdAlone()
    {
        var plan = CapacityProjection.Plan(CapacityAssumptions.Seed, new CapacityMeasurement(null, null, null, 20), 0.70);

        Assert.Null(plan.HpaMaxReachedMonth);
        Assert.All(plan.Rows, r => Assert.Null(r.PodsNeeded));
        Assert.Equal(CapacityProjection.Project(CapacityAssumptions.Seed).Select(r => r.Action), plan.Rows.Select(r => r.Action));
    }

    [Theory]
    [InlineData(49_999, 10, 10, ScalingAction.RaiseHpaMaximum)]
    [InlineData(49_999, 9, 10, ScalingAction.Auto)]
    [InlineData(50_000, 9, 10, ScalingAction.ManualReview)]
    [InlineData(50_000, 12, 10, ScalingAction.ManualReview)]
    public void ActionFor_ReviewThresholdFirst_ThenTheHpaMaximum(double users, int pods, double hpaMax, ScalingAction expected)
    {
        Assert.Equal(expected, CapacityProjection.ActionFor(users, 50_000, pods, hpaMax));
    }
}
