using BarberPro.Core.Alerts;

namespace BarberPro.Core.Tests.Alerts;

public sealed class AlertmanagerOptionsTests
{
    [Fact]
    public void Validate_Empty_IsValidAndNotConfigured()
    {
        var options = new AlertmanagerOptions();

        Assert.True(new ValidateAlertmanagerOptions().Validate(null, options).Succeeded);
        Assert.False(options.IsConfigured);
    }

    [Fact]
    public void Validate_EveryProblem_IsNamed()
    {
        var result = new ValidateAlertmanagerOptions().Validate(null, new AlertmanagerOptions
        {
            BaseUrl = "ftp://alertmanager:9093",
            Timeout = TimeSpan.Zero,
            MaxResponseBytes = 10,
        });

        Assert.True(result.Failed);
        Assert.Equal(3, result.Failures!.Count());
        Assert.Contains(result.Failures!, f => f.StartsWith("Alertmanager:BaseUrl must be an absolute http or https URL", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.StartsWith("Alertmanager:Timeout must be between", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.StartsWith("Alertmanager:MaxResponseBytes must be between", StringComparison.Ordinal));
    }

    [Fact]
    public void GetBaseUri_KeepsAPathPrefix()
    {
        var options = new AlertmanagerOptions { BaseUrl = "http://mimir:8080/alertmanager" };

        Assert.Equal("http://mimir:8080/alertmanager/", options.GetBaseUri().ToString());
    }
}
