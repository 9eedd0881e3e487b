using BarberPro.Core.Prometheus;

namespace BarberPro.Core.Tests.Prometheus;

public sealed class PromQlTests
{
    [Theory]
    [InlineData("Buenos Aires", "\"Buenos Aires\"")]
    [InlineData("Córdoba", "\"Córdoba\"")]
    [InlineData("say \"hi\"", "\"say \\\"hi\\\"\"")]
    [InlineData("C:\\temp", "\"C:\\\\temp\"")]
    [InlineData("line1\nline2", "\"line1\\nline2\"")]
    [InlineData("tab\there\r", "\"tab\\there\\r\"")]
    [InlineData("\"} or up{", "\"\\\"} or up{\"")]
    [InlineData("bell\u0007nul\u0000del\u007f", "\"bell\\anul\\x00del\\x7f\"")]
    [InlineData("it's", "\"it's\"")]
    [InlineData("", "\"\"")]
    public void String_AnyValue_BecomesOneDoubleQuotedLiteral(string value, string expected)
    {
        Assert.Equal(expected, PromQl.String(value));
    }

    [Fact]
    public void String_HostileValue_DecodesBackToTheSameValue()
    {
        const string value = "a\"b\\c\nd\"} or up{x=\"1\"}\t😀";

        var literal = PromQl.String(value);

        Assert.Equal(value, GoUnquote(literal));
    }

    [Fact]
    public void EscapeStringContent_SingleQuote_EscapesSingleQuotesOnly()
    {
        Assert.Equal("it\\'s \"fine\"", PromQl.EscapeStringContent("it's \"fine\"", '\''));
    }

    [Fact]
    public void String_UnpairedSurrogate_IsRejected()
    {
        Assert.Throws<ArgumentException>(() => PromQl.String("bad\ud800"));
    }

    [Fact]
    public void Label_ValidNameAndHostileValue_GivesOneMatcher()
    {
        Assert.Equal("city=\"\\\"} or up{\"", PromQl.Label("city", "\"} or up{"));
    }

    [Theory]
    [InlineData("=~")]
    [InlineData("!~")]
    [InlineData("!=")]
    public void Matcher_KnownOperator_IsUsed(string op)
    {
        Assert.Equal("code" + op + "\"5..\"", PromQl.Matcher("code", op, "5.."));
    }

    [Fact]
    public void Matcher_UnknownOperator_IsRejected()
    {
        Assert.Throws<ArgumentException>(() => PromQl.Matcher("code", "==", "5"));
    }

    [Theory]
    [InlineData("job")]
    [InlineData("_private")]
    [InlineData("__name__")]
    [InlineData("le")]
    [InlineData("HTTP_code2")]
    public void IsValidLabelName_LegacyName_IsTrue(string name)
    {
        Assert.True(PromQl.IsValidLabelName(name));
    }

    [Theory]
    [InlineData("")]
    [InlineData("2xx")]
    [InlineData("city name")]
    [InlineData("city\"")]
    [InlineData("kube-state")]
    [InlineData("job\n")]
    [InlineData("job=\"x\",y")]
    [InlineData("ciudad_ñ")]
    public void Label_InvalidName_IsRejected(string name)
    {
        Assert.False(PromQl.IsValidLabelName(name));
        Assert.Throws<ArgumentException>(() => PromQl.Label(name, "x"));
    }

    [Theory]
    [InlineData("5m", 300_000)]
    [InlineData("1h30m", 5_400_000)]
    [InlineData("90s", 90_000)]
    [InlineData("500ms", 500)]
    [InlineData("1s500ms", 1_500)]
    [InlineData("7d", 604_800_000)]
    [InlineData("1w", 604_800_000)]
    [InlineData("1y", 31_536_000_000)]
    [InlineData("2d12h", 216_000_000)]
    public void TryParseDuration_PrometheusGrammar_IsParsed(string text, long milliseconds)
    {
        Assert.True(PromQl.TryParseDuration(text, out var duration));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), duration);
        Assert.True(PromQl.IsValidDuration(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("5")]
    [InlineData("5 m")]
    [InlineData("m5")]
    [InlineData("30m1h")]
    [InlineData("1h1h")]
    [InlineData("-5m")]
    [InlineData("1.5h")]
    [InlineData("5m\n")]
    [InlineData("5m] or up[5m")]
    [InlineData("0s")]
    [InlineData("99999999999999999999y")]
    public void IsValidDuration_NotAPositivePrometheusDuration_IsFalse(string text)
    {
        Assert.False(PromQl.IsValidDuration(text));
    }

    [Theory]
    [InlineData(300_000, "5m")]
    [InlineData(5_400_000, "1h30m")]
    [InlineData(604_800_000, "1w")]
    [InlineData(2_592_000_000, "30d")]
    [InlineData(1_209_600_000, "2w")]
    [InlineData(31_536_000_000, "1y")]
    [InlineData(31_622_400_000, "366d")]
    [InlineData(86_400_000, "1d")]
    [InlineData(1_500, "1s500ms")]
    [InlineData(60_000, "1m")]
    public void FormatDuration_WholeMilliseconds_FormatsLikePrometheus(long milliseconds, string expected)
    {
        var formatted = PromQl.FormatDuration(TimeSpan.FromMilliseconds(milliseconds));

        Assert.Equal(expected, formatted);
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), PromQl.ParseDuration(formatted));
    }

    [Fact]
    public void FormatDuration_ZeroNegativeOrSubMillisecond_IsRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PromQl.FormatDuration(TimeSpan.Zero));
        Assert.Throws<ArgumentOutOfRangeException>(() => PromQl.FormatDuration(TimeSpan.FromSeconds(-1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => PromQl.FormatDuration(TimeSpan.FromTicks(15)));
    }

    [Fact]
    public void Number_FiniteValue_UsesInvariantCulture()
    {
        var previous = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("es-AR");
            Assert.Equal("0.001", PromQl.Number(0.001));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = previous;
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => PromQl.Number(double.NaN));
    }

    /// <summary>Go's strconv.Unquote for the escapes PromQl emits, written independently of the code under test.</summary>
    internal static string GoUnquote(string literal)
    {
        Assert.StartsWith("\"", literal, StringComparison.Ordinal);
        Assert.EndsWith("\"", literal, StringComparison.Ordinal);
        var builder = new System.Text.StringBuilder();
        for (var i = 1; i < literal.Length - 1; i++)
        {
            var c = literal[i];
            Assert.False(c == '"', $"Unescaped quote at {i} ends the literal early: {literal}");
            Assert.False(c == '\n', "Raw newline inside the literal");
            if (c != '\\')
            {
                builder.Append(c);
                continue;
            }

            var e = literal[++i];
            switch (e)
            {
                case 'n': builder.Append('\n'); break;
                case 'r': builder.Append('\r'); break;
                case 't': builder.Append('\t'); break;
                case 'a': builder.Append('\a'); break;
                case 'b': builder.Append('\b'); break;
                case 'f': builder.Append('\f'); break;
                case 'v': builder.Append('\v'); break;
                case '\\': builder.Append('\\'); break;
                case '"': builder.Append('"'); break;
                case 'x':
                    builder.Append((char)Convert.ToInt32(literal.Substring(i + 1, 2), 16));
                    i += 2;
                    break;
                default: throw new FormatException($"Unknown escape \\{e}");
            }
        }

        return builder.ToString();
    }
}
