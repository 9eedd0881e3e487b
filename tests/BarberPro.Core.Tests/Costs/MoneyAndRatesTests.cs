using BarberPro.Core.Costs;

namespace BarberPro.Core.Tests.Costs;

public sealed class MoneyAndRatesTests
{
    [Theory]
    [InlineData(1234567.89, "$ 1.234.567,89")]
    [InlineData(0, "$ 0,00")]
    [InlineData(-1500.5, "-$ 1.500,50")]
    public void Ars_Amount_IsWrittenTheArgentineWay(decimal amount, string expected)
    {
        Assert.Equal(expected, Money.Ars(amount));
    }

    [Fact]
    public void Usd_Amount_SaysUsDollars()
    {
        Assert.Equal("US$ 3,395.00", Money.Usd(3395m));
    }

    [Fact]
    public void ForMonth_SeveralRates_TakesTheLatestDatedByTheMonthsEnd()
    {
        UsdArsRate[] rates =
        [
            new(new DateOnly(2026, 1, 15), 1_000m, "m", DateTimeOffset.UnixEpoch),
            new(new DateOnly(2026, 3, 31), 1_200m, "m", DateTimeOffset.UnixEpoch),
            new(new DateOnly(2026, 4, 1), 1_300m, "m", DateTimeOffset.UnixEpoch),
        ];

        Assert.Null(ExchangeRates.ForMonth(rates, new DateOnly(2025, 12, 1)));
        Assert.Equal(1_000m, ExchangeRates.ForMonth(rates, new DateOnly(2026, 1, 1))!.ArsPerUsd);
        Assert.Equal(1_000m, ExchangeRates.ForMonth(rates, new DateOnly(2026, 2, 1))!.ArsPerUsd);
        Assert.Equal(1_200m, ExchangeRates.ForMonth(rates, new DateOnly(2026, 3, 1))!.ArsPerUsd);
        Assert.Equal(1_300m, ExchangeRates.ForMonth(rates, new DateOnly(2026, 7, 1))!.ArsPerUsd);
    }

    [Fact]
    public void ToArs_SeedTotalAtARate_IsRoundedToCentavos()
    {
        var rate = new UsdArsRate(new DateOnly(2026, 1, 1), 1_450.5m, "m", DateTimeOffset.UnixEpoch);

        Assert.Equal(4_924_447.50m, ExchangeRates.ToArs(3_395m, rate));
        Assert.Equal("$ 4.924.447,50", Money.Ars(ExchangeRates.ToArs(3_395m, rate)));
    }

    [Fact]
    public void ParseEntry_ValidInput_NormalisesMonthAndCategory()
    {
        var entry = CostRules.ParseEntry("2026-03-17", " compute ", "2,150.50", "  ", new DateOnly(2026, 12, 1));

        Assert.Equal(new CostEntryInput(new DateOnly(2026, 3, 1), "Compute", 2150.50m, null), entry);
    }

    [Theory]
    [InlineData("2026-13", "Compute", "1", "Month")]
    [InlineData("2026-03", "GPUs", "1", "Category")]
    [InlineData("2026-03", "Compute", "1.2.3,4", "Amount")]
    [InlineData("2026-03", "Compute", "12,34,5", "Amount")]
    [InlineData("2026-03", "Compute", "-5", "between 0")]
    [InlineData("2026-03", "Compute", "1,005.125", "2 decimals")]
    [InlineData("2026-03", "Compute", "0.125", "2 decimals")]
    [InlineData("2027-06", "Compute", "1", "between 2000-01")]
    public void ParseEntry_InvalidInput_SaysWhatToFix(string month, string category, string amount, string expected)
    {
        var error = Assert.Throws<CostInputException>(() => CostRules.ParseEntry(month, category, amount, null, new DateOnly(2026, 12, 1)));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseRate_InvalidInput_NamesBothFields()
    {
        var error = Assert.Throws<CostInputException>(() => CostRules.ParseRate("2026/01/01", "0", new DateOnly(2026, 12, 31)));

        Assert.Contains("Date", error.Message, StringComparison.Ordinal);
        Assert.Contains("Rate", error.Message, StringComparison.Ordinal);
    }
}
