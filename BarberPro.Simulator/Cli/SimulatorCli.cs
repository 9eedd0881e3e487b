using System.Diagnostics;
using System.Globalization;
using BarberPro.Simulator.Backfill;
using BarberPro.Simulator.Bookings;
using BarberPro.Simulator.Hosting;

namespace BarberPro.Simulator.Cli;

/// <summary>
/// Verbs: <c>serve</c> (default; remaining arguments go to the ASP.NET Core host, e.g. --urls),
/// <c>seed-bookings --connection C [--bookings N] [--days D]</c>, <c>backfill --out FILE [--days D] [--step S]</c>.
/// A bad argument prints one line on stderr and exits with code 2.
/// </summary>
public static class SimulatorCli
{
    public const int UsageExitCode = 2;

    private const string Usage =
        "usage: BarberPro.Simulator [serve [--urls URL]] | seed-bookings --connection CONN [--bookings N] [--days D] | backfill --out FILE [--days D] [--step SECONDS]";

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var verb = args.Length == 0 || args[0].StartsWith('-') ? "serve" : args[0];
        var rest = args.Length == 0 || args[0].StartsWith('-') ? args : args[1..];
        try
        {
            switch (verb)
            {
                case "serve":
                    await ServeAsync(rest).ConfigureAwait(false);
                    return 0;
                case "seed-bookings":
                    return await SeedBookingsAsync(new CommandLine(verb, rest, "connection", "bookings", "days"), output).ConfigureAwait(false);
                case "backfill":
                    return await BackfillAsync(new CommandLine(verb, rest, "out", "days", "step"), output).ConfigureAwait(false);
                case "help":
                    await output.WriteLineAsync(Usage).ConfigureAwait(false);
                    return 0;
                default:
                    throw new UsageException($"unknown command '{verb}' (expected serve, seed-bookings or backfill)");
            }
        }
        catch (UsageException e)
        {
            await error.WriteLineAsync($"BarberPro.Simulator: {e.Message}").ConfigureAwait(false);
            return UsageExitCode;
        }
    }

    private static async Task ServeAsync(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddBarberProSimulator();
        var app = builder.Build();
        app.MapBarberProSimulator();
        await app.RunAsync().ConfigureAwait(false);
    }

    private static async Task<int> SeedBookingsAsync(CommandLine options, TextWriter output)
    {
        var connection = options.Required("connection");
        var bookings = options.PositiveInt("bookings", 300_000);
        var days = options.PositiveInt("days", 365, max: 3650);
        using var cancellation = CancelOnCtrlC();
        var stopwatch = Stopwatch.StartNew();
        var result = await new BookingSeeder(TimeProvider.System).SeedAsync(connection, bookings, days, cancellation.Token).ConfigureAwait(false);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"seeded {result.Bookings:N0} bookings, {result.Payments:N0} payments, {result.Customers:N0} customers, {result.Shops:N0} shops, {result.Providers:N0} barbers in {stopwatch.Elapsed.TotalSeconds:F1} s")).ConfigureAwait(false);
        return 0;
    }

    private static async Task<int> BackfillAsync(CommandLine options, TextWriter output)
    {
        var path = options.Required("out");
        var days = options.PositiveInt("days", 30, max: 365);
        var step = options.PositiveInt("step", 60, max: 3600);
        using var cancellation = CancelOnCtrlC();
        var stopwatch = Stopwatch.StartNew();
        var writer = new OpenMetricsBackfillWriter(TimeProvider.System, new SimulatorOptions().Seed);
        var bytes = await writer.WriteAsync(path, TimeSpan.FromDays(days), TimeSpan.FromSeconds(step), cancellation.Token).ConfigureAwait(false);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"wrote {days} days at {step} s steps to {path}: {bytes / 1024d / 1024:F1} MiB in {stopwatch.Elapsed.TotalSeconds:F1} s")).ConfigureAwait(false);
        return 0;
    }

    private static CancellationTokenSource CancelOnCtrlC()
    {
        var source = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            source.Cancel();
        };
        return source;
    }
}
