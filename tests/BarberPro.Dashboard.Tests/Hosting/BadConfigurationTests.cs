using System.Diagnostics;

namespace BarberPro.Dashboard.Tests.Hosting;

/// <summary>The real executable, started with broken settings: it must stop with one line naming each setting.</summary>
public sealed class BadConfigurationTests
{
    [Fact]
    public async Task MissingConnectionString_AndMalformedPrometheusUrl_StopStartUp_WithOneLineNamingBoth()
    {
        var (exitCode, stdout, stderr) = await RunDashboardAsync(new Dictionary<string, string>
        {
            ["ConnectionStrings__Dashboard"] = "",
            ["Prometheus__BaseUrl"] = "prometheus:9090",
        });

        Assert.NotEqual(0, exitCode);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("BarberPro.Dashboard cannot start:", line, StringComparison.Ordinal);
        Assert.Contains("ConnectionStrings:Dashboard", line, StringComparison.Ordinal);
        Assert.Contains("Prometheus:BaseUrl", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stdout + stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnOutOfRangePollInterval_AndARepeatedExpectedAlertRule_AreNamed()
    {
        var (exitCode, _, stderr) = await RunDashboardAsync(new Dictionary<string, string>
        {
            ["ConnectionStrings__Dashboard"] = "Host=127.0.0.1;Port=1;Database=x",
            ["Prometheus__BaseUrl"] = "http://127.0.0.1:9",
            ["Live__PollInterval"] = "00:00:00.100",
            ["Live__ExpectedAlertRules__0"] = "HighErrorRate",
            ["Live__ExpectedAlertRules__1"] = "HighErrorRate",
        });

        Assert.NotEqual(0, exitCode);
        Assert.Contains("Live:PollInterval", stderr, StringComparison.Ordinal);
        Assert.Contains("Live:ExpectedAlertRules lists HighErrorRate more than once", stderr, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunDashboardAsync(Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "BarberPro.Dashboard.dll"), "--urls", "http://127.0.0.1:0" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("The dashboard did not stop on a bad configuration: " + await stdout + await stderr);
        }
        return (process.ExitCode, await stdout, await stderr);
    }
}
