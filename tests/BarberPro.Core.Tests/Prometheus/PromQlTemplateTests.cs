using BarberPro.Core.Prometheus;

namespace BarberPro.Core.Tests.Prometheus;

public sealed class PromQlTemplateTests
{
    private static readonly Dictionary<string, PromQlPlaceholderKind> s_known = new()
    {
        ["window"] = PromQlPlaceholderKind.Duration,
        ["job"] = PromQlPlaceholderKind.LabelValue,
        ["city"] = PromQlPlaceholderKind.LabelValue,
        ["budget"] = PromQlPlaceholderKind.Number,
    };

    [Fact]
    public void Render_LabelValueOutsideQuotes_InsertsOneEscapedLiteral()
    {
        var template = PromQlTemplate.Parse("sum(rate(x{job={{job}}}[{{window}}]))", s_known);

        var query = template.Render(new Dictionary<string, string> { ["job"] = "a\"} or up{", ["window"] = "5m" });

        Assert.Equal("sum(rate(x{job=\"a\\\"} or up{\"}[5m]))", query);
    }

    [Fact]
    public void Render_LabelValueInsideDoubleQuotes_InsertsEscapedContent()
    {
        var template = PromQlTemplate.Parse("probe_duration_seconds{city=\"{{city}}\"}", s_known);

        var query = template.Render(new Dictionary<string, string> { ["city"] = "x\"\\\n" });

        Assert.Equal("probe_duration_seconds{city=\"x\\\"\\\\\\n\"}", query);
    }

    [Fact]
    public void Render_LabelValueInsideSingleQuotes_EscapesForSingleQuotes()
    {
        var template = PromQlTemplate.Parse("x{city='{{city}}'}", s_known);

        Assert.Equal("x{city='it\\'s'}", template.Render(new Dictionary<string, string> { ["city"] = "it's" }));
    }

    [Fact]
    public void Render_PlaceholderWithSpaces_IsRecognised()
    {
        var template = PromQlTemplate.Parse("x[{{ window }}]", s_known);

        Assert.Equal("x[1h]", template.Render(new Dictionary<string, string> { ["window"] = "1h" }));
        Assert.Equal(PromQlPlaceholderKind.Duration, template.Placeholders["window"]);
    }

    [Fact]
    public void Render_NumberPlaceholder_IsFormattedInvariantly()
    {
        var template = PromQlTemplate.Parse("x / {{budget}}", s_known);

        Assert.Equal("x / 0.001", template.Render(new Dictionary<string, string> { ["budget"] = "0.001" }));
        Assert.Throws<ArgumentException>(() => template.Render(new Dictionary<string, string> { ["budget"] = "1) or up" }));
    }

    [Theory]
    [InlineData("5m] or up[5m")]
    [InlineData("5m\n")]
    [InlineData("five minutes")]
    [InlineData("0s")]
    public void Render_InvalidDuration_IsRejected(string value)
    {
        var template = PromQlTemplate.Parse("rate(x[{{window}}])", s_known);

        var error = Assert.Throws<ArgumentException>(() => template.Render(new Dictionary<string, string> { ["window"] = value }));

        Assert.Contains("{{window}}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_MissingValue_NamesThePlaceholder()
    {
        var template = PromQlTemplate.Parse("x{job={{job}}}", s_known);

        var error = Assert.Throws<ArgumentException>(() => template.Render(new Dictionary<string, string>()));

        Assert.Contains("{{job}}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownPlaceholder_IsAnErrorListingTheKnownOnes()
    {
        Assert.False(PromQlTemplate.TryParse("x{ns={{namespace}}}", s_known, out _, out var errors));

        var error = Assert.Single(errors);
        Assert.Contains("Unknown placeholder {{namespace}}", error, StringComparison.Ordinal);
        Assert.Contains("{{window}}", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SeveralProblems_ReportsAllAtOnce()
    {
        Assert.False(PromQlTemplate.TryParse("x{a={{nope}},b=\"{{window}}\",c=`{{job}}`}[{{bad name}}]", s_known, out _, out var errors));

        Assert.Equal(4, errors.Count);
        Assert.Contains(errors, e => e.Contains("{{nope}}", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("must not be inside a string literal", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("backtick", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("not a valid placeholder name", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("x{job=\"barberpro}")]
    [InlineData("x{job={{job}")]
    [InlineData("")]
    [InlineData("   ")]
    public void Parse_BrokenTemplate_IsAnError(string text)
    {
        Assert.False(PromQlTemplate.TryParse(text, s_known, out _, out var errors));
        Assert.NotEmpty(errors);
        Assert.Throws<FormatException>(() => PromQlTemplate.Parse(text, s_known));
    }

    [Fact]
    public void Parse_EscapedQuoteInsideString_DoesNotEndTheString()
    {
        var template = PromQlTemplate.Parse("x{a=\"q\\\"{{city}}\"} + y[{{window}}]", s_known);

        Assert.Equal("x{a=\"q\\\"\\\"\"} + y[1m]", template.Render(new Dictionary<string, string> { ["city"] = "\"", ["window"] = "1m" }));
    }

    [Fact]
    public void Parse_PlaceholderInComment_IsLeftAlone()
    {
        var template = PromQlTemplate.Parse("up # {{anything}}\n", s_known);

        Assert.Empty(template.Placeholders);
        Assert.Equal("up # {{anything}}\n", template.Render(new Dictionary<string, string>()));
    }

    [Fact]
    public void Parse_NoPlaceholders_RendersTheTextUnchanged()
    {
        var template = PromQlTemplate.Parse("min(pg_up)", s_known);

        Assert.Equal("min(pg_up)", template.Render(new Dictionary<string, string>()));
        Assert.Equal("min(pg_up)", template.ToString());
    }
}
