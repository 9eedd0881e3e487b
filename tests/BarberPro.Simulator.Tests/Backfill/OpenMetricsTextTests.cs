using BarberPro.Simulator.Backfill;

namespace BarberPro.Simulator.Tests.Backfill;

public sealed class OpenMetricsTextTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData(@"a\b", @"a\\b")]
    [InlineData("say \"hi\"", "say \\\"hi\\\"")]
    [InlineData("line1\nline2", @"line1\nline2")]
    [InlineData("Córdoba", "Córdoba")]
    [InlineData("\\\"\n", "\\\\\\\"\\n")]
    public void EscapeLabelValue_SpecialCharacters_AreEscapedAsPrometheusExpects(string input, string expected) =>
        Assert.Equal(expected, OpenMetricsText.EscapeLabelValue(input));

    [Fact]
    public void EscapeHelp_BackslashAndNewline_AreEscapedButQuotesStay() =>
        Assert.Equal("a \\\\ \"b\"\\nc", OpenMetricsText.EscapeHelp("a \\ \"b\"\nc"));

    [Theory]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "+Inf")]
    [InlineData(double.NegativeInfinity, "-Inf")]
    [InlineData(0.1, "0.1")]
    [InlineData(1.0, "1")]
    [InlineData(1234567.0, "1234567")]
    [InlineData(-2.5, "-2.5")]
    public void FormatDouble_SpecialAndOrdinaryValues_MatchPrometheusSpelling(double value, string expected) =>
        Assert.Equal(expected, OpenMetricsText.FormatDouble(value));
}
