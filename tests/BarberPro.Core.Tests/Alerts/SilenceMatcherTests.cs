using System.Text;
using System.Text.Json;
using BarberPro.Core.Alerts;

namespace BarberPro.Core.Tests.Alerts;

public sealed class SilenceMatcherTests
{
    [Fact]
    public void Serialize_ValueWithQuoteBackslashAndNewline_TravelsAsOneJsonStringThatReadsBackExactly()
    {
        const string value = "say \"hi\"\\n and\nnext line \\ end";
        var request = new SilenceRequest(
            [SilenceMatcher.Exact("instance", value), SilenceMatcher.Exact("alertname", "HighErrorRate")],
            new DateTimeOffset(2026, 12, 1, 5, 0, 0, TimeSpan.Zero),
            new DateTimeOffset(2026, 12, 1, 7, 0, 0, TimeSpan.Zero),
            "ops@barberpro.example",
            "window");

        var bytes = AlertmanagerClient.Serialize(request);
        using var doc = JsonDocument.Parse(bytes);
        var matchers = doc.RootElement.GetProperty("matchers");

        Assert.Equal(2, matchers.GetArrayLength());
        Assert.Equal("instance", matchers[0].GetProperty("name").GetString());
        Assert.Equal(value, matchers[0].GetProperty("value").GetString());
        Assert.False(matchers[0].GetProperty("isRegex").GetBoolean());
        Assert.True(matchers[0].GetProperty("isEqual").GetBoolean());
        Assert.Equal("2026-12-01T05:00:00.000Z", doc.RootElement.GetProperty("startsAt").GetString());
        Assert.Equal("2026-12-01T07:00:00.000Z", doc.RootElement.GetProperty("endsAt").GetString());
        Assert.Equal("ops@barberpro.example", doc.RootElement.GetProperty("createdBy").GetString());
        Assert.False(doc.RootElement.TryGetProperty("id", out _));
        // The raw text holds the escapes JSON needs, not a text-matcher syntax.
        Assert.Contains("say \\u0022hi\\u0022\\\\n and\\nnext line \\\\ end", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
    }

    [Fact]
    public void Serialize_WithId_SendsIt()
    {
        var request = new SilenceRequest(
            [SilenceMatcher.Exact("alertname", "HighErrorRate")],
            DateTimeOffset.UnixEpoch,
            DateTimeOffset.UnixEpoch.AddHours(1),
            "a",
            "c",
            Id: "s-1");

        using var doc = JsonDocument.Parse(AlertmanagerClient.Serialize(request));

        Assert.Equal("s-1", doc.RootElement.GetProperty("id").GetString());
    }

    [Fact]
    public void Exact_MatchesOnlyTheVeryValue()
    {
        var matcher = SilenceMatcher.Exact("msg", "a\"b\\c\nd");

        Assert.True(matcher.Matches(new Dictionary<string, string> { ["msg"] = "a\"b\\c\nd" }));
        Assert.False(matcher.Matches(new Dictionary<string, string> { ["msg"] = "a\\\"b\\\\c\\nd" }));
        Assert.False(matcher.Matches(new Dictionary<string, string> { ["other"] = "a\"b\\c\nd" }));
    }

    [Fact]
    public void ToString_EscapesLikeAlertmanager()
    {
        Assert.Equal("msg=\"a\\\"b\\\\c\\nd\"", SilenceMatcher.Exact("msg", "a\"b\\c\nd").ToString());
        Assert.Equal("pod!~\"api-.*\"", new SilenceMatcher("pod", "api-.*", IsRegex: true, IsEqual: false).ToString());
    }

    [Theory]
    [InlineData("", "x", "'' is not a label name")]
    [InlineData("1abc", "x", "'1abc' is not a label name")]
    [InlineData("alert name", "x", "'alert name' is not a label name")]
    [InlineData("alertname", "", "The value of alertname is empty")]
    public void Exact_InvalidNameOrValue_IsRefusedWithAMessage(string name, string value, string expected)
    {
        var ex = Assert.Throws<ArgumentException>(() => SilenceMatcher.Exact(name, value));

        Assert.StartsWith(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Exact_TooLongValue_IsRefused()
    {
        var ex = Assert.Throws<ArgumentException>(() => SilenceMatcher.Exact("a", new string('x', SilenceMatcher.MaxValueLength + 1)));

        Assert.StartsWith("The value of a is longer than 1024 characters", ex.Message, StringComparison.Ordinal);
    }
}
