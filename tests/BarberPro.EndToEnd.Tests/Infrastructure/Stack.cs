namespace BarberPro.EndToEnd.Tests.Infrastructure;

/// <summary>The real stack the end-to-end tests run against, started by scripts/test.sh.</summary>
public static class Stack
{
    public static string PostgresAdmin => Require("BARBERPRO_PG_ADMIN");

    public static string PrometheusUrl => Require("BARBERPRO_PROMETHEUS_URL");

    public static string SimulatorUrl => Require("BARBERPRO_SIMULATOR_URL");

    public static string StackDir => Require("BARBERPRO_STACK_DIR");

    public static string RepoRoot { get; } = FindRepoRoot();

    public static string Require(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{name} is not set. End-to-end tests need the real stack: run scripts/test.sh, or `scripts/stack.sh start` and `source .stack/dev/env`.");

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "BarberPro.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Cannot find the repository root (BarberPro.sln) above " + AppContext.BaseDirectory);
    }
}
