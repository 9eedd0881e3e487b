using BarberPro.Simulator.Backfill;
using BarberPro.Simulator.Tests.Support;

namespace BarberPro.Simulator.Tests.Backfill;

public sealed class OpenMetricsBackfillWriterTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("barberpro-backfill-test-");

    public void Dispose() => _directory.Delete(recursive: true);

    [Fact]
    public async Task WriteAsync_OneDay_IsAcceptedByPromtoolCreateBlocks()
    {
        var clock = new ManualTimeProvider();
        var file = Path.Combine(_directory.FullName, "history.om");

        var bytes = await new OpenMetricsBackfillWriter(clock, seed: 5).WriteAsync(file, TimeSpan.FromDays(1), TimeSpan.FromSeconds(60), CancellationToken.None);
        var (exitCode, output) = await Promtool.RunAsync(null, "tsdb", "create-blocks-from", "openmetrics", file, Path.Combine(_directory.FullName, "blocks"));

        Assert.True(exitCode == 0, $"promtool tsdb create-blocks-from openmetrics failed:\n{output}");
        Assert.Equal(new FileInfo(file).Length, bytes);
        Assert.NotEmpty(Directory.GetDirectories(Path.Combine(_directory.FullName, "blocks")));
    }

    [Fact]
    public async Task WriteAsync_History_EndsAtNowWithEofAndHasEveryFamilyOnce()
    {
        var clock = new ManualTimeProvider();
        var file = Path.Combine(_directory.FullName, "short.om");

        await new OpenMetricsBackfillWriter(clock, seed: 5).WriteAsync(file, TimeSpan.FromHours(1), TimeSpan.FromSeconds(60), CancellationToken.None);
        var lines = await File.ReadAllLinesAsync(file);

        Assert.Equal("# EOF", lines[^1]);
        var types = lines.Where(l => l.StartsWith("# TYPE ", StringComparison.Ordinal)).ToList();
        Assert.Equal(types.Count, types.Distinct().Count());
        Assert.Contains("# TYPE http_requests counter", types);
        Assert.Contains("# TYPE http_request_duration_seconds histogram", types);
        Assert.Contains("# TYPE container_cpu_usage_seconds counter", types);
        var timestamps = lines.Where(l => l.StartsWith("pg_up", StringComparison.Ordinal)).Select(l => long.Parse(l.Split(' ')[^1], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(61, timestamps.Count);
        Assert.Equal(clock.GetUtcNow().ToUnixTimeSeconds(), timestamps[^1]);
        Assert.All(lines.Where(l => l[0] != '#'), l => Assert.Contains("job=\"barberpro\"", l, StringComparison.Ordinal));
    }
}
