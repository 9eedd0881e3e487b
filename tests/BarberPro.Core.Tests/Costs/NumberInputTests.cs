using System.Globalization;
using BarberPro.Core.Costs;

namespace BarberPro.Core.Tests.Costs;

public sealed class NumberInputTests
{
    [Theory]
    [InlineData("2300.50", "2300.50")]
    [InlineData("2,300.50", "2300.50")]
    [InlineData("2.300,50", "2300.50")]
    [InlineData("2300,50", "2300.50")]
    [InlineData("12,5", "12.5")]
    [InlineData("12.5", "12.5")]
    [InlineData("1.234.567", "1234567")]
    [InlineData("1,234,567", "1234567")]
    [InlineData("1.234.567,89", "1234567.89")]
    [InlineData("2.300", "2300")]
    [InlineData("2,300", "2300")]
    [InlineData("0,125", "0.125")]
    [InlineData(" 95 ", "95")]
    [InlineData("-5,5", "-5.5")]
    [InlineData("1 450,50", "1450.50")]
    public void TryParseDecimal_EitherWayOfWriting_ReadsTheSameNumber(string text, string expected)
    {
        Assert.True(NumberInput.TryParseDecimal(text, out var value));
        Assert.Equal(decimal.Parse(expected, CultureInfo.InvariantCulture), value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    [InlineData("three hundred")]
    [InlineData("1.2.3,4")]
    [InlineData("12,34,5")]
    [InlineData("1,5.5")]
    [InlineData(",5")]
    [InlineData("5,")]
    [InlineData("1e3")]
    [InlineData("US$ 5")]
    public void TryParseDecimal_NotANumberEitherWay_IsRefused(string? text)
    {
        Assert.False(NumberInput.TryParseDecimal(text, out _));
    }

    [Fact]
    public void TryParseDecimal_ACultureWhoseDecimalSeparatorItIs_ReadsThreeDigitsAfterItAsDecimals()
    {
        var argentina = new CultureInfo("es-AR") { NumberFormat = { NumberDecimalSeparator = ",", NumberGroupSeparator = "." } };

        Assert.True(NumberInput.TryParseDecimal("2,300", out var inArgentina, argentina));
        Assert.True(NumberInput.TryParseDecimal("2.300", out var thousands, argentina));

        Assert.Equal(2.3m, inArgentina);
        Assert.Equal(2300m, thousands);
    }
}
