using BarberPro.Core.Alerts;

namespace BarberPro.Core.Tests.Alerts;

public sealed class AlertsOptionsTests
{
    [Fact]
    public void RunbookLink_RelativePathUnderTheBaseUrl_AbsoluteAsIs_NoBaseNoLink()
    {
        var options = new AlertsOptions { RunbookBaseUrl = "https://git.example/barberpro/ops/blob/main" };

        Assert.Equal("https://git.example/barberpro/ops/blob/main/docs/runbooks/HighErrorRate.md",
            options.RunbookLink("docs/runbooks/HighErrorRate.md")!.ToString());
        Assert.Equal("https://wiki.example/x", options.RunbookLink("https://wiki.example/x")!.ToString());
        Assert.Null(options.RunbookLink("javascript:alert(1)"));
        Assert.Null(new AlertsOptions().RunbookLink("docs/runbooks/HighErrorRate.md"));
    }

    [Fact]
    public void Validate_NamesEveryProblem()
    {
        var result = new ValidateAlertsOptions().Validate(null, new AlertsOptions
        {
            PollInterval = TimeSpan.Zero,
            RunbookBaseUrl = "not a url",
            ResolvedWindow = TimeSpan.Zero,
        });

        Assert.Equal(3, result.Failures!.Count());
        Assert.True(new ValidateAlertsOptions().Validate(null, new AlertsOptions()).Succeeded);
    }

    [Fact]
    public void Overnight_IsSixPmYesterdayToNineAmTodayArt()
    {
        // 30 Nov 2026 10:00 ART.
        var (from, to) = OvernightCount.NightBefore(new DateTimeOffset(2026, 11, 30, 13, 0, 0, TimeSpan.Zero));

        Assert.Equal(new DateTimeOffset(2026, 11, 29, 21, 0, 0, TimeSpan.Zero), from);
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero), to);
    }
}
