using System.Globalization;

namespace BarberPro.Bench.CircuitFanout;

/// <summary>
/// Command line: <c>--circuits 1,100,500,1000</c> (cumulative steps), <c>--path /</c> (the interactive page),
/// <c>--window 30</c> (seconds measured per step), <c>--settle 10</c>, <c>--concurrency 16</c> (circuit starts in
/// flight), <c>--url http://host:port/page</c> (drive a page of a server already running instead of starting the
/// dashboard: no sign-in, no Prometheus, no diagnostics endpoint; <c>--pid</c> names its process for CPU and RSS),
/// <c>--out file.md</c> (default: bench/CircuitFanout/results.md in dashboard mode, none with --url).
/// </summary>
internal sealed record Options(int[] Circuits, string Path, TimeSpan Window, TimeSpan Settle, int Concurrency, Uri? Url, int? Pid, string? Out)
{
    public TimeSpan PollInterval { get; } = TimeSpan.FromSeconds(1);

    public static Options FromArgs(string[] args)
    {
        var options = new Options([1, 100, 500, 1000], "/", TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(10), 16, null, null, null);
        for (var i = 0; i < args.Length - 1; i += 2)
        {
            var value = args[i + 1];
            options = args[i] switch
            {
                "--circuits" => options with { Circuits = [.. value.Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture))] },
                "--path" => options with { Path = value },
                "--window" => options with { Window = TimeSpan.FromSeconds(double.Parse(value, CultureInfo.InvariantCulture)) },
                "--settle" => options with { Settle = TimeSpan.FromSeconds(double.Parse(value, CultureInfo.InvariantCulture)) },
                "--concurrency" => options with { Concurrency = int.Parse(value, CultureInfo.InvariantCulture) },
                "--url" => options with { Url = new Uri(value) },
                "--pid" => options with { Pid = int.Parse(value, CultureInfo.InvariantCulture) },
                "--out" => options with { Out = value },
                _ => throw new ArgumentException($"Unknown option {args[i]}"),
            };
        }
        if (args.Length % 2 != 0)
        {
            throw new ArgumentException("Options come in pairs: --name value.");
        }
        return options;
    }
}
