using System.Diagnostics;

namespace BarberPro.Tests.Shared;

/// <summary>Runs the real promtool (Debian package "prometheus"); fails clearly when it is missing. Shared by every test project.</summary>
internal static class Promtool
{
    private const string Path = "/usr/bin/promtool";

    public static async Task<(int ExitCode, string Output)> RunAsync(string? stdin, params string[] arguments)
    {
        Assert.True(File.Exists(Path), $"promtool not found at {Path}: install it with `apt-get install -y prometheus` (scripts/stack.sh does).");
        var start = new ProcessStartInfo(Path)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
        }

        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, (await stdout) + (await stderr));
    }
}
