using System.Text;
using BarberPro.Core.Alerts;

namespace BarberPro.Core.Tests.Alerts;

public sealed class AlertmanagerParserTests
{
    // As Alertmanager 0.25 answers GET /api/v2/alerts (one silenced alert, one active).
    private const string TwoAlerts = """
        [
          {"annotations":{"description":"Error rate is 5% of requests (threshold 1%)","runbook_url":"docs/runbooks/HighErrorRate.md","summary":"High error rate detected"},
           "endsAt":"2026-11-30T04:20:00.000Z","fingerprint":"0a1b2c3d4e5f6071","receivers":[{"name":"null"}],
           "startsAt":"2026-11-30T04:01:00.000Z",
           "status":{"inhibitedBy":[],"silencedBy":["5b2c8e6a-1111-4c3e-9f0e-0123456789ab"],"state":"suppressed"},
           "updatedAt":"2026-11-30T04:16:00.123Z","generatorURL":"http://prometheus:9090/graph?g0.expr=x",
           "labels":{"alertname":"HighErrorRate","severity":"critical"}},
          {"annotations":{},"endsAt":"2026-11-30T04:20:00Z","fingerprint":"ffee","receivers":[],
           "startsAt":"2026-11-30T03:00:00Z","status":{"inhibitedBy":[],"silencedBy":[],"state":"active"},
           "updatedAt":"2026-11-30T04:16:00Z","labels":{"alertname":"RedisConnectionFailure","severity":"critical"}}
        ]
        """;

    [Fact]
    public void ParseAlerts_RealShape_ReadsEveryField()
    {
        var alerts = AlertmanagerParser.ParseAlerts(Encoding.UTF8.GetBytes(TwoAlerts));

        Assert.Equal(2, alerts.Count);
        var first = alerts[0];
        Assert.Equal("0a1b2c3d4e5f6071", first.Fingerprint);
        Assert.Equal("HighErrorRate", first.AlertName);
        Assert.Equal("critical", first.Labels["severity"]);
        Assert.Equal("docs/runbooks/HighErrorRate.md", first.Annotations["runbook_url"]);
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 4, 1, 0, TimeSpan.Zero), first.StartsAt);
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 4, 16, 0, 123, TimeSpan.Zero), first.UpdatedAt);
        Assert.Equal(AlertmanagerAlertState.Suppressed, first.State);
        Assert.True(first.IsSilenced);
        Assert.Equal("5b2c8e6a-1111-4c3e-9f0e-0123456789ab", Assert.Single(first.SilencedBy));
        Assert.Equal("http://prometheus:9090/graph?g0.expr=x", first.GeneratorUrl);
        Assert.Equal(AlertmanagerAlertState.Active, alerts[1].State);
        Assert.False(alerts[1].IsSilenced);
        Assert.Null(alerts[1].GeneratorUrl);
    }

    [Fact]
    public void ParseAlerts_EmptyArray_IsEmpty()
    {
        Assert.Empty(AlertmanagerParser.ParseAlerts("[]"u8));
    }

    [Theory]
    [InlineData("<html>502 Bad Gateway</html>", "not valid JSON")]
    [InlineData("[{\"fingerprint\":\"ab\",\"status\":{\"state\":\"active\"}", "not valid JSON")]
    [InlineData("{\"alerts\":[]}", "not an array")]
    [InlineData("[42]", "alert #0 is a JSON number, not an object")]
    [InlineData("[{\"labels\":{},\"status\":{\"state\":\"active\"}}]", "alert #0 has no 'fingerprint' string")]
    [InlineData("[{\"fingerprint\":\"ab\",\"labels\":{},\"startsAt\":\"2026-11-30T04:01:00Z\",\"endsAt\":\"2026-11-30T04:01:00Z\",\"updatedAt\":\"2026-11-30T04:01:00Z\"}]", "alert ab has no 'status' object")]
    [InlineData("[{\"fingerprint\":\"ab\",\"labels\":{},\"startsAt\":\"yesterday\",\"endsAt\":\"2026-11-30T04:01:00Z\",\"updatedAt\":\"2026-11-30T04:01:00Z\",\"status\":{\"state\":\"active\"}}]", "alert ab has a 'startsAt' that is not a time: 'yesterday'")]
    [InlineData("[{\"fingerprint\":\"ab\",\"labels\":{\"a\":1},\"startsAt\":\"2026-11-30T04:01:00Z\",\"endsAt\":\"2026-11-30T04:01:00Z\",\"updatedAt\":\"2026-11-30T04:01:00Z\",\"status\":{\"state\":\"active\"}}]", "alert ab has labels.a that is not a string")]
    [InlineData("[{\"fingerprint\":\"ab\",\"labels\":{},\"startsAt\":\"2026-11-30T04:01:00Z\",\"endsAt\":\"2026-11-30T04:01:00Z\",\"updatedAt\":\"2026-11-30T04:01:00Z\",\"status\":{\"state\":\"firing\"}}]", "alert ab has an unknown state 'firing'")]
    public void ParseAlerts_BadAnswer_IsMalformedNamingTheProblem(string json, string expected)
    {
        var ex = Assert.Throws<AlertmanagerException>(() => AlertmanagerParser.ParseAlerts(Encoding.UTF8.GetBytes(json)));

        Assert.Equal(AlertmanagerErrorKind.Malformed, ex.Kind);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseSilences_RealShape_ReadsMatchersTimesAndState()
    {
        var json = """
            [{"id":"5b2c8e6a-1111-4c3e-9f0e-0123456789ab","status":{"state":"active"},"updatedAt":"2026-11-30T04:10:00.000Z",
              "comment":"deploy of 1.4","createdBy":"ops@barberpro.example","endsAt":"2026-11-30T05:10:00.000Z",
              "matchers":[{"isEqual":true,"isRegex":false,"name":"alertname","value":"HighErrorRate"},
                          {"isRegex":true,"name":"pod","value":"api-.*"}],
              "startsAt":"2026-11-30T04:10:00.000Z"}]
            """;

        var silence = Assert.Single(AlertmanagerParser.ParseSilences(Encoding.UTF8.GetBytes(json)));

        Assert.Equal("5b2c8e6a-1111-4c3e-9f0e-0123456789ab", silence.Id);
        Assert.Equal(SilenceState.Active, silence.State);
        Assert.Equal("ops@barberpro.example", silence.CreatedBy);
        Assert.Equal("deploy of 1.4", silence.Comment);
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 5, 10, 0, TimeSpan.Zero), silence.EndsAt);
        Assert.Equal(
            [new SilenceMatcher("alertname", "HighErrorRate", false, true), new SilenceMatcher("pod", "api-.*", true, true)],
            silence.Matchers);
    }

    [Theory]
    [InlineData("[{\"status\":{\"state\":\"active\"}}]", "silence #0 has no 'id' string")]
    [InlineData("[{\"id\":\"s1\",\"status\":{\"state\":\"active\"}}]", "silence s1 has no matchers array")]
    [InlineData("[{\"id\":\"s1\",\"matchers\":[{\"name\":\"a\",\"value\":\"b\"}]}]", "silence s1 matcher has no 'isRegex' true/false")]
    [InlineData("[{\"id\":\"s1\",\"matchers\":[],\"startsAt\":\"2026-11-30T04:10:00Z\",\"endsAt\":\"2026-11-30T04:10:00Z\",\"updatedAt\":\"2026-11-30T04:10:00Z\",\"createdBy\":\"\",\"comment\":\"\",\"status\":{\"state\":\"gone\"}}]", "silence s1 has an unknown state 'gone'")]
    public void ParseSilences_BadAnswer_IsMalformedNamingTheProblem(string json, string expected)
    {
        var ex = Assert.Throws<AlertmanagerException>(() => AlertmanagerParser.ParseSilences(Encoding.UTF8.GetBytes(json)));

        Assert.Equal(AlertmanagerErrorKind.Malformed, ex.Kind);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseSilenceId_ReadsTheId_AndRefusesAnAnswerWithoutOne()
    {
        Assert.Equal("abc-123", AlertmanagerParser.ParseSilenceId("{\"silenceID\":\"abc-123\"}"u8));
        var ex = Assert.Throws<AlertmanagerException>(() => AlertmanagerParser.ParseSilenceId("{}"u8));
        Assert.Equal(AlertmanagerErrorKind.Malformed, ex.Kind);
        Assert.Contains("no 'silenceID' string", ex.Message, StringComparison.Ordinal);
    }
}
