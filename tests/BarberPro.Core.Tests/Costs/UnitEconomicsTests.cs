using BarberPro.Core.Costs;

namespace BarberPro.Core.Tests.Costs;

public sealed class UnitEconomicsTests
{
    private static UnitFigure Figure(IReadOnlyList<UnitFigure> figures, string key) => Assert.Single(figures, f => f.Key == key);

    [Fact]
    public void Compute_FixedInputs_AppliesEachFormula()
    {
        // US$ 3,395 a month, 500 active users, 10,000 rps on average over a 30-day month, 20,000 completed bookings.
        var figures = UnitEconomics.Compute(new UnitEconomicsInputs(3_395m, 500, 10_000, 30 * 86_400, 20_000));

        Assert.Equal(6.79, Figure(figures, "costPerUser").Value!.Value, 10);
        Assert.Equal(3_395.0 / (10_000.0 * 2_592_000) * 1_000_000, Figure(figures, "costPerMillionRequests").Value!.Value, 10);
        Assert.Equal(10_000 / 3_395.0, Figure(figures, "rpsPerDollar").Value!.Value, 10);
        Assert.Equal(500 / 3_395.0, Figure(figures, "usersPerDollar").Value!.Value, 10);
        Assert.Equal(0.16975, Figure(figures, "costPerBooking").Value!.Value, 10);
    }

    [Fact]
    public void Compute_FixedInputs_WritesTheFormulaOnTheActualNumbers()
    {
        var figures = UnitEconomics.Compute(new UnitEconomicsInputs(3_395m, 500, 10_000, 30 * 86_400, 20_000));

        Assert.Equal("US$ 6.79", Figure(figures, "costPerUser").Display);
        Assert.Equal("US$ 3,395.00 ÷ 500 active users", Figure(figures, "costPerUser").Formula);
        Assert.Equal("US$ 3,395.00 ÷ 20,000 completed bookings", Figure(figures, "costPerBooking").Formula);
        Assert.Equal("2.95 rps per US$", Figure(figures, "rpsPerDollar").Display);
        Assert.Contains("25,920,000,000 requests", Figure(figures, "costPerMillionRequests").Formula, StringComparison.Ordinal);
        Assert.Equal("US$ 0.13", Figure(figures, "costPerMillionRequests").Display);
        Assert.Equal("US$ 0.17", Figure(figures, "costPerBooking").Display);
    }

    [Fact]
    public void Compute_MissingSourcesOrZeroDenominators_SayNoDataNeverZero()
    {
        var figures = UnitEconomics.Compute(new UnitEconomicsInputs(3_395m, 0, null, 30 * 86_400, null));

        foreach (var key in new[] { "costPerUser", "costPerMillionRequests", "rpsPerDollar", "costPerBooking" })
        {
            Assert.Null(Figure(figures, key).Value);
            Assert.Equal("no data", Figure(figures, key).Display);
        }
        Assert.Equal(0, Figure(figures, "usersPerDollar").Value);
    }

    [Fact]
    public void Compute_NoCost_GivesNoPerDollarFigures()
    {
        var figures = UnitEconomics.Compute(new UnitEconomicsInputs(0m, 100, 10, 86_400, 10));

        Assert.Null(Figure(figures, "rpsPerDollar").Value);
        Assert.Null(Figure(figures, "usersPerDollar").Value);
        Assert.Equal(0, Figure(figures, "costPerUser").Value);
    }

    [Fact]
    public void ComputeEstimate_PodHoursAndPrice_GiveObservedAndMonthSpend()
    {
        var estimate = new ComputeEstimate(PodHours: 1_000, ObservedHours: 100, HoursInMonth: 720, PricePerPodHourUsd: 0.25);

        Assert.Equal(10, estimate.AveragePods);
        Assert.Equal(250m, estimate.ObservedSpendUsd);
        Assert.Equal(1_800m, estimate.MonthEstimateUsd);
    }

    [Fact]
    public void EffectivePrice_SeedModel_BlendsReservedSpotAndOnDemand()
    {
        var model = new BarberPro.Core.Live.CostModelOptions
        {
            OnDemandPricePerPodHourUsd = 1, ReservedCoverage = 0.85, ReservedDiscount = 0.4, SpotShare = 0.6, SpotDiscount = 0.7,
        };

        // 85 % at 0.6, then of the 15 % left 60 % at 0.3 and 40 % at 1.
        Assert.Equal((0.85 * 0.6) + (0.15 * 0.6 * 0.3) + (0.15 * 0.4 * 1), ComputeEstimate.BlendedPrice(model), 12);
    }
}
