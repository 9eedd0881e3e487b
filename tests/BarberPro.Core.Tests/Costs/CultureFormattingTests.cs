using System.Globalization;
using BarberPro.Core.Costs;
using BarberPro.Core.Time;

namespace BarberPro.Core.Tests.Costs;

/// <summary>Money, counts, numbers and dates in the reader's language, and typed numbers read in it (issue 10 item 6).</summary>
public sealed class CultureFormattingTests
{
    private static readonly CultureInfo Spanish = CultureInfo.GetCultureInfo("es-AR");
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    [Fact]
    public void Money_FollowsTheReadersLanguage_AndKeepsItsCurrencyMark()
    {
        Assert.Equal("US$ 2.300,50", Money.Usd(2300.50m, Spanish));
        Assert.Equal("US$ 2,300.50", Money.Usd(2300.50m, English));
        Assert.Equal("$ 1.234.567,89", Money.Ars(1234567.89m, Spanish));
        Assert.Equal("$ 1,234,567.89", Money.Ars(1234567.89m, English));
        Assert.Equal("-US$ 12", Money.Usd(-12m, English, 0));
        Assert.Equal("5.427", Money.Count(5427, Spanish));
        Assert.Equal("5,427", Money.Count(5427, English));
        Assert.Equal("12,5", Money.Number(12.5, "0.0", Spanish));
        Assert.Equal("12.5", Money.Number(12.5m, "0.0", English));
    }

    [Fact]
    public void TheFixedWays_StayAsTheyWere_ForWhatIsWrittenOnceForEveryReader()
    {
        Assert.Equal("$ 1.234.567,89", Money.Ars(1234567.89m));
        Assert.Equal("US$ 3,395.00", Money.Usd(3395m));
        Assert.Equal("5.427", Money.CountAr(5427));
    }

    [Fact]
    public void DatesAndTimes_AreArgentinaTime_InTheReadersLanguage()
    {
        var instant = new DateTimeOffset(2026, 3, 2, 17, 5, 0, TimeSpan.Zero); // 14:05 ART, a Monday

        Assert.Equal("lun 2 mar 14:05", ArgentinaTime.FormatDateTime(instant, Spanish));
        Assert.Equal("Mon 2 Mar 14:05", ArgentinaTime.FormatDateTime(instant, English));
        Assert.Equal("sáb 14 nov", ArgentinaTime.FormatDate(new DateOnly(2026, 11, 14), Spanish));
        Assert.Equal("Sat 14 Nov", ArgentinaTime.FormatDate(new DateOnly(2026, 11, 14), English));
    }

    [Theory]
    [InlineData("2.300,50", "es-AR", "2300.50")]
    [InlineData("12,5", "es-AR", "12.5")]
    [InlineData("2,300.50", "en", "2300.50")]
    [InlineData("12.5", "en", "12.5")]
    // One separator and three digits: the reader's language decides.
    [InlineData("2,300", "es-AR", "2.3")]
    [InlineData("2.300", "es-AR", "2300")]
    [InlineData("2,300", "en", "2300")]
    [InlineData("2.300", "en", "2.3")]
    public void TypedNumbers_AreReadInTheReadersLanguage(string typed, string culture, string expected)
    {
        Assert.True(NumberInput.TryParseDecimal(typed, out var value, CultureInfo.GetCultureInfo(culture)));

        Assert.Equal(decimal.Parse(expected, CultureInfo.InvariantCulture), value);
    }
}
