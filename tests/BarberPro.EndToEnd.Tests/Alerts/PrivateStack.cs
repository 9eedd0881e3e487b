using System.Diagnostics;
using BarberPro.EndToEnd.Tests.Infrastructure;

namespace BarberPro.EndToEnd.Tests.Alerts;

/// <summary>
/// A second stack of its own (scripts/stack.sh with its own STACK_DIR: PostgreSQL, simulator, Alertmanager, Prometheus
/// scraping and evaluating every second), so a test can hold a scenario such as error-burst for minutes while the
/// other end-to-end tests switch the shared stack's simulator, and run in parallel with them. The prebuilt simulator
/// of the shared stack is reused (BARBERPRO_SIMULATOR_DLL); nothing is installed. Stopped and removed on dispose.
/// </summary>
public sealed class PrivateStack : IAsyncDisposable
{
    private PrivateStack(string dir, IReadOnlyDictionary<string, string> env)
    {
        Dir = dir;
        Env = env;
    }

    public string Dir { get; }

    public IReadOnlyDictionary<string, string> Env { get; }

    public string PrometheusUrl => Env["BARBERPRO_PROMETHEUS_URL"];

    public string AlertmanagerUrl => Env["BARBERPRO_ALERTMANAGER_URL"];

    public string SimulatorUrl => Env["BARBERPRO_SIMULATOR_URL"];

    public static async Task<PrivateStack> StartAsync(string name)
    {
        var dir = Path.Combine(Path.GetTempPath(), $"bp-{name}-{Guid.NewGuid():N}"[..24]);
        await RunAsync(dir, "start");
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in await File.ReadAllLinesAsync(Path.Combine(dir, "env")))
        {
            if (line.StartsWith("export ", StringComparison.Ordinal) && line.IndexOf('=', StringComparison.Ordinal) is var eq and > 0)
            {
                env[line[7..eq]] = line[(eq + 1)..].Trim('\'');
            }
        }

        return new PrivateStack(dir, env);
    }

    public async Task SetScenarioAsync(string scenario)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        using var response = await http.PostAsync($"{SimulatorUrl}/scenario/{scenario}", null);
        response.EnsureSuccessStatusCode();
    }

    public async ValueTask DisposeAsync() => await RunAsync(Dir, "destroy");

    private static async Task RunAsync(string dir, string verb)
    {
        var start = new ProcessStartInfo("bash")
        {
            ArgumentList = { Path.Combine(Stack.RepoRoot, "scripts", "stack.sh"), verb },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["STACK_DIR"] = dir;
        start.Environment["STACK_SKIP_PACKAGES"] = "1";
        start.Environment["SCRAPE_INTERVAL"] = "1s";
        start.Environment["SIMULATOR_DLL"] = Stack.Require("BARBERPRO_SIMULATOR_DLL");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"scripts/stack.sh {verb} ({dir}) failed ({process.ExitCode}): {await output}{await error}");
        }
    }
}
