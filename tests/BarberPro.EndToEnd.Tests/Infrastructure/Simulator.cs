namespace BarberPro.EndToEnd.Tests.Infrastructure;

/// <summary>Switches the simulator's scenario over its HTTP API.</summary>
public static class Simulator
{
    private static readonly HttpClient s_http = new() { Timeout = TimeSpan.FromSeconds(10) };

    public static async Task SetScenarioAsync(string name)
    {
        var response = await s_http.PostAsync($"{Stack.SimulatorUrl}/scenario/{name}", null);
        response.EnsureSuccessStatusCode();
    }
}

/// <summary>
/// Stops and starts the stack's Prometheus (scripts/stack.sh prometheus-stop|prometheus-start), and takes its rule files
/// away and back (prometheus-rules off|on).
/// </summary>
public static class PrometheusControl
{
    public static Task StopAsync() => StackScript.RunAsync("prometheus-stop");

    public static Task StartAsync() => StackScript.RunAsync("prometheus-start");

    public static Task RulesOffAsync() => StackScript.RunAsync("prometheus-rules", "off");

    public static Task RulesOnAsync() => StackScript.RunAsync("prometheus-rules", "on");
}

/// <summary>
/// Crashes and starts the stack's PostgreSQL (scripts/stack.sh postgres-kill|postgres-start): kill -9 of the server and
/// every backend, then the same cluster on the same port, after its WAL recovery.
/// </summary>
public static class PostgresControl
{
    public static Task KillAsync() => StackScript.RunAsync("postgres-kill");

    public static async Task StartAsync()
    {
        await StackScript.RunAsync("postgres-start");
        // This process's pooled connections died with the old server: later tests must not draw one.
        Npgsql.NpgsqlConnection.ClearAllPools();
    }
}

/// <summary>Runs one verb of scripts/stack.sh on the test stack.</summary>
public static class StackScript
{
    public static async Task RunAsync(params string[] verb)
    {
        var start = new System.Diagnostics.ProcessStartInfo("bash")
        {
            ArgumentList = { Path.Combine(Stack.RepoRoot, "scripts", "stack.sh") },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in verb)
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["STACK_DIR"] = Stack.StackDir;
        start.Environment["STACK_SKIP_PACKAGES"] = "1";
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"scripts/stack.sh {string.Join(' ', verb)} failed ({process.ExitCode}): {await output}{await error}");
        }
    }
}
