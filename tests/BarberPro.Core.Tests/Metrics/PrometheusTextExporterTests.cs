using System.Diagnostics.Metrics;
using BarberPro.Core.Metrics;

namespace BarberPro.Core.Tests.Metrics;

public sealed class PrometheusTextExporterTests : IDisposable
{
    private readonly Meter _meter = new("BarberPro.Tests." + Guid.NewGuid().ToString("N"));
    private readonly PrometheusTextExporter _exporter;

    public PrometheusTextExporterTests() => _exporter = new PrometheusTextExporter([_meter.Name]);

    public void Dispose()
    {
        _exporter.Dispose();
        _meter.Dispose();
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public void Collect_CounterWithSeveralLabelSets_WritesOneSortedSeriesPerLabelSet()
    {
        var counter = _meter.CreateCounter<long>("http_requests_total", description: "Requests handled.");
        counter.Add(3, new("method", "POST"), new("code", "201"));
        counter.Add(5, new("method", "GET"), new("code", "200"));
        counter.Add(2, new("code", "200"), new("method", "GET"));

        Assert.Equal(
            [
                "# HELP http_requests_total Requests handled.",
                "# TYPE http_requests_total counter",
                "http_requests_total{code=\"200\",method=\"GET\"} 7",
                "http_requests_total{code=\"201\",method=\"POST\"} 3",
            ],
            Lines(_exporter.Collect()));
    }

    [Fact]
    public void Collect_CounterName_IsKeptExactlyWithoutAddedSuffixes()
    {
        _meter.CreateCounter<double>("container_cpu_usage_seconds_total", unit: "s").Add(1.5);
        _meter.CreateCounter<int>("bookings_seen").Add(1);

        var text = _exporter.Collect();

        Assert.Contains("container_cpu_usage_seconds_total 1.5\n", text, StringComparison.Ordinal);
        Assert.Contains("bookings_seen 1\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("_total_total", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Collect_NegativeCounterDelta_IsIgnored()
    {
        var counter = _meter.CreateCounter<double>("monotonic_total");
        counter.Add(2);
        counter.Add(-5);

        Assert.Contains("monotonic_total 2\n", _exporter.Collect(), StringComparison.Ordinal);
    }

    [Fact]
    public void Collect_UpDownCounter_IsAGaugeThatGoesBothWays()
    {
        var inFlight = _meter.CreateUpDownCounter<int>("in_flight_requests", description: "Requests in flight.");
        inFlight.Add(5);
        inFlight.Add(-2);

        var lines = Lines(_exporter.Collect());

        Assert.Contains("# TYPE in_flight_requests gauge", lines);
        Assert.Contains("in_flight_requests 3", lines);
    }

    [Fact]
    public void Collect_ObservableGauge_IsReadAtScrapeTimeAndDropsVanishedLabelSets()
    {
        var pods = new List<string> { "pod-a", "pod-b" };
        var value = 1.0;
        _meter.CreateObservableGauge("pod_memory_bytes", () => pods.Select(p => new Measurement<double>(value, new KeyValuePair<string, object?>("pod", p))));

        var first = _exporter.Collect();
        pods.Remove("pod-a");
        value = 2.0;
        var second = _exporter.Collect();

        Assert.Contains("pod_memory_bytes{pod=\"pod-a\"} 1\n", first, StringComparison.Ordinal);
        Assert.Contains("# TYPE pod_memory_bytes gauge", first, StringComparison.Ordinal);
        Assert.DoesNotContain("pod-a", second, StringComparison.Ordinal);
        Assert.Contains("pod_memory_bytes{pod=\"pod-b\"} 2\n", second, StringComparison.Ordinal);
    }

    [Fact]
    public void Collect_ObservableCounter_ReportsTheObservedTotalAsCounter()
    {
        var total = 10L;
        _meter.CreateObservableCounter("cpu_seconds_total", () => total);

        _exporter.Collect();
        total = 25;
        var lines = Lines(_exporter.Collect());

        Assert.Contains("# TYPE cpu_seconds_total counter", lines);
        Assert.Contains("cpu_seconds_total 25", lines);
    }

    [Fact]
    public void Collect_SynchronousGauge_KeepsTheLastValue()
    {
        var gauge = _meter.CreateGauge<double>("temperature_celsius");
        gauge.Record(20);
        gauge.Record(21.5);

        Assert.Contains("temperature_celsius 21.5", Lines(_exporter.Collect()));
    }

    [Fact]
    public void Collect_HistogramWithAdvisedBuckets_WritesCumulativeBucketsSumAndCount()
    {
        var histogram = _meter.CreateHistogram<double>(
            "request_duration_seconds",
            unit: "s",
            description: "Duration.",
            tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.1, 0.5, 1] });
        foreach (var value in new[] { 0.05, 0.1, 0.3, 0.7, 2.0 })
        {
            histogram.Record(value, new KeyValuePair<string, object?>("method", "GET"));
        }

        Assert.Equal(
            [
                "# HELP request_duration_seconds Duration.",
                "# TYPE request_duration_seconds histogram",
                "request_duration_seconds_bucket{method=\"GET\",le=\"0.1\"} 2",
                "request_duration_seconds_bucket{method=\"GET\",le=\"0.5\"} 3",
                "request_duration_seconds_bucket{method=\"GET\",le=\"1\"} 4",
                "request_duration_seconds_bucket{method=\"GET\",le=\"+Inf\"} 5",
                "request_duration_seconds_sum{method=\"GET\"} 3.15",
                "request_duration_seconds_count{method=\"GET\"} 5",
            ],
            Lines(_exporter.Collect()));
    }

    [Fact]
    public void Collect_HistogramWithoutAdvice_UsesPrometheusDefaultBuckets()
    {
        _meter.CreateHistogram<double>("plain_seconds").Record(0.003);

        var buckets = Lines(_exporter.Collect()).Where(l => l.StartsWith("plain_seconds_bucket", StringComparison.Ordinal)).ToArray();

        Assert.Equal(12, buckets.Length);
        Assert.Equal("plain_seconds_bucket{le=\"0.005\"} 1", buckets[0]);
        Assert.Equal("plain_seconds_bucket{le=\"10\"} 1", buckets[^2]);
        Assert.Equal("plain_seconds_bucket{le=\"+Inf\"} 1", buckets[^1]);
    }

    [Fact]
    public void Collect_HistogramOfLongs_ConvertsAdvisedBoundaries()
    {
        _meter.CreateHistogram("payload_bytes", unit: "By", description: null, tags: null,
            advice: new InstrumentAdvice<long> { HistogramBucketBoundaries = [100, 1000] }).Record(500);

        var lines = Lines(_exporter.Collect());

        Assert.Contains("payload_bytes_bucket{le=\"100\"} 0", lines);
        Assert.Contains("payload_bytes_bucket{le=\"1000\"} 1", lines);
    }

    [Fact]
    public void Collect_LabelValuesAndHelpWithSpecialCharacters_AreEscaped()
    {
        _meter.CreateCounter<long>("escaped_total", unit: null, description: "Help with \\ and\nnewline.")
            .Add(1, new KeyValuePair<string, object?>("path", "C:\\dir \"quoted\"\nnext"));

        var lines = Lines(_exporter.Collect());

        Assert.Contains("# HELP escaped_total Help with \\\\ and\\nnewline.", lines);
        Assert.Contains("escaped_total{path=\"C:\\\\dir \\\"quoted\\\"\\nnext\"} 1", lines);
    }

    [Fact]
    public void Collect_GaugeWithSpecialValues_WritesNaNAndInfinities()
    {
        var values = new[] { double.NaN, double.PositiveInfinity, double.NegativeInfinity };
        _meter.CreateObservableGauge("odd_values", () => values.Select((v, i) => new Measurement<double>(v, new KeyValuePair<string, object?>("i", i))));

        var lines = Lines(_exporter.Collect());

        Assert.Contains("odd_values{i=\"0\"} NaN", lines);
        Assert.Contains("odd_values{i=\"1\"} +Inf", lines);
        Assert.Contains("odd_values{i=\"2\"} -Inf", lines);
    }

    [Fact]
    public void Collect_InstrumentWithoutDescription_StillWritesHelp() =>
        Assert.Contains("# HELP undocumented_total undocumented_total from meter", CollectAfter(() => _meter.CreateCounter<long>("undocumented_total").Add(1)), StringComparison.Ordinal);

    [Fact]
    public void Collect_FamiliesAndLabels_AreSortedForStableOutput()
    {
        _meter.CreateCounter<long>("zeta_total").Add(1, new("b", "1"), new("a", "2"));
        _meter.CreateCounter<long>("alpha_total").Add(1);

        var text = _exporter.Collect();

        Assert.True(text.IndexOf("alpha_total", StringComparison.Ordinal) < text.IndexOf("zeta_total", StringComparison.Ordinal));
        Assert.Contains("zeta_total{a=\"2\",b=\"1\"} 1", text, StringComparison.Ordinal);
        Assert.Equal(text, _exporter.Collect());
    }

    [Fact]
    public void Collect_MeterNotSelected_IsNotExported()
    {
        using var other = new Meter("BarberPro.Tests.Other." + Guid.NewGuid().ToString("N"));
        other.CreateCounter<long>("foreign_total").Add(1);

        Assert.DoesNotContain("foreign_total", _exporter.Collect(), StringComparison.Ordinal);
    }

    [Fact]
    public void Collect_MeterNameWithWildcard_MatchesByPrefix()
    {
        using var meter = new Meter("BarberPro.Wildcard." + Guid.NewGuid().ToString("N"));
        using var exporter = new PrometheusTextExporter(["BarberPro.Wildcard.*"]);
        meter.CreateCounter<long>("wildcard_total").Add(4);

        Assert.Contains("wildcard_total 4", exporter.Collect(), StringComparison.Ordinal);
    }

    [Fact]
    public void Collect_MeterTagsAndInstrumentTags_BecomeConstantLabels()
    {
        using var meter = new Meter(new MeterOptions("BarberPro.Tagged." + Guid.NewGuid().ToString("N")) { Tags = [new("service", "dashboard")] });
        using var exporter = new PrometheusTextExporter([meter.Name]);
        meter.CreateCounter<long>("tagged_total", null, null, [new("region", "ar")]).Add(1, new KeyValuePair<string, object?>("code", 200));

        Assert.Contains("tagged_total{code=\"200\",region=\"ar\",service=\"dashboard\"} 1", exporter.Collect(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Collect_ConcurrentRecordingAndScraping_LosesNoMeasurement()
    {
        var counter = _meter.CreateCounter<long>("concurrent_total");
        var doubles = _meter.CreateCounter<double>("concurrent_double_total");
        var histogram = _meter.CreateHistogram<double>("concurrent_seconds");
        const int Threads = 8;
        const int PerThread = 20_000;
        using var stop = new CancellationTokenSource();
        var scraper = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                _exporter.Collect();
            }
        });

        await Task.WhenAll(Enumerable.Range(0, Threads).Select(t => Task.Run(() =>
        {
            for (var i = 0; i < PerThread; i++)
            {
                var code = new KeyValuePair<string, object?>("code", i % 2 == 0 ? "200" : "500");
                counter.Add(1, code);
                doubles.Add(0.5);
                histogram.Record(0.02, code);
            }
        })));
        await stop.CancelAsync();
        await scraper;

        var lines = Lines(_exporter.Collect());
        Assert.Contains($"concurrent_total{{code=\"200\"}} {Threads * PerThread / 2}", lines);
        Assert.Contains($"concurrent_total{{code=\"500\"}} {Threads * PerThread / 2}", lines);
        Assert.Contains($"concurrent_double_total {Threads * PerThread * 0.5}", lines);
        Assert.Contains($"concurrent_seconds_count{{code=\"500\"}} {Threads * PerThread / 2}", lines);
        Assert.Contains($"concurrent_seconds_bucket{{code=\"200\",le=\"0.025\"}} {Threads * PerThread / 2}", lines);
    }

    private string CollectAfter(Action record)
    {
        record();
        return _exporter.Collect();
    }
}
