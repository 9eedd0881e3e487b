using BarberPro.Core.Metrics;

namespace BarberPro.Core.Tests.Metrics;

public sealed class PrometheusTextFormatTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData(@"a\b", @"a\\b")]
    [InlineData("say \"hi\"", "say \\\"hi\\\"")]
    [InlineData("line1\nline2", @"line1\nline2")]
    [InlineData("Córdoba", "Córdoba")]
    [InlineData("\\\"\n", "\\\\\\\"\\n")]
    public void EscapeLabelValue_SpecialCharacters_AreEscapedAsPrometheusExpects(string input, string expected) =>
        Assert.Equal(expected, PrometheusTextFormat.EscapeLabelValue(input));

    [Fact]
    public void EscapeHelp_BackslashAndNewline_AreEscapedButQuotesStay() =>
        Assert.Equal("a \\\\ \"b\"\\nc", PrometheusTextFormat.EscapeHelp("a \\ \"b\"\nc"));

    [Theory]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "+Inf")]
    [InlineData(double.NegativeInfinity, "-Inf")]
    [InlineData(0.1, "0.1")]
    [InlineData(1234567.0, "1234567")]
    [InlineData(-2.5, "-2.5")]
    public void FormatDouble_SpecialAndOrdinaryValues_MatchPrometheusSpelling(double value, string expected) =>
        Assert.Equal(expected, PrometheusTextFormat.FormatDouble(value));

    [Theory]
    [InlineData("http_requests_total", "http_requests_total")]
    [InlineData("barberpro.live.polls", "barberpro_live_polls")]
    [InlineData("1st-metric", "_1st_metric")]
    [InlineData("ns:metric", "ns:metric")]
    public void SanitizeMetricName_InvalidCharacters_BecomeUnderscores(string input, string expected) =>
        Assert.Equal(expected, PrometheusTextFormat.SanitizeMetricName(input));

    [Fact]
    public void SanitizeLabelName_Colon_IsNotAllowedInLabels() =>
        Assert.Equal("a_b", PrometheusTextFormat.SanitizeLabelName("a:b"));
}
