using BarberPro.Simulator.Cli;

namespace BarberPro.Simulator.Tests.Cli;

public sealed class SimulatorCliTests
{
    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await SimulatorCli.RunAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Theory]
    [InlineData("launch")]
    [InlineData("seed-bookings")]
    [InlineData("seed-bookings", "--connection", "Host=x", "--bookings", "many")]
    [InlineData("seed-bookings", "--connection", "Host=x", "--bookings", "-5")]
    [InlineData("seed-bookings", "--connection", "Host=x", "--colour", "red")]
    [InlineData("backfill")]
    [InlineData("backfill", "--out")]
    [InlineData("backfill", "--out", "f.txt", "--step", "0")]
    [InlineData("backfill", "--out", "f.txt", "--days", "30", "--days", "31")]
    [InlineData("backfill", "--out", "f.txt", "stray")]
    public async Task RunAsync_BadArguments_PrintsOneLineAndExitsWithTwo(params string[] args)
    {
        var (exitCode, output, error) = await RunAsync(args);

        Assert.Equal(2, exitCode);
        Assert.Empty(output);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("BarberPro.Simulator: ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_UnknownVerb_NamesTheKnownOnes()
    {
        var (_, _, error) = await RunAsync("frobnicate");

        Assert.Contains("unknown command 'frobnicate' (expected serve, seed-bookings or backfill)", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_MissingConnection_SaysWhichOption()
    {
        var (_, _, error) = await RunAsync("seed-bookings", "--bookings", "10");

        Assert.Contains("--connection is required", error, StringComparison.Ordinal);
    }
}
