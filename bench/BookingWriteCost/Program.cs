// What the dashboard costs the booking service's write path: single-row booking INSERTs per second (pgbench, like the
// booking service makes them) with 1 and 16 clients on a booking database the dashboard watches (its maintainer
// running and refreshing the aggregates, its poller reading them) ÷ the same on an identical booking database the
// dashboard has never touched, with the dashboard stopped. Runs alternate between the two databases, several rounds,
// and the medians are compared, so the shared machine's noise hits both sides alike. Writes results.md.
//
//   BARBERPRO_PG_ADMIN=... dotnet run -c Release --project bench/BookingWriteCost -- [--bookings 1000000]
//       [--duration 30] [--rounds 3] [--refresh 00:00:15] [--out bench/BookingWriteCost/results.md]
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using BarberPro.Core.Bookings;
using BarberPro.Core.Persistence;
using BarberPro.Simulator.Bookings;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

var inv = CultureInfo.InvariantCulture;
var options = Arguments.Parse(args);
var admin = Environment.GetEnvironmentVariable("BARBERPRO_PG_ADMIN");
if (string.IsNullOrEmpty(admin))
{
    Console.Error.WriteLine("BARBERPRO_PG_ADMIN is not set: run `scripts/stack.sh start` and `source .stack/dev/env` first.");
    return 2;
}
var pgbench = Pgbench.Find();
if (pgbench is null)
{
    Console.Error.WriteLine("pgbench not found (Debian: apt-get install postgresql-contrib or postgresql-client).");
    return 2;
}

var suffix = Guid.NewGuid().ToString("N")[..8];
var watchedDb = "bench_wc_watched_" + suffix;
var untouchedDb = "bench_wc_untouched_" + suffix;
var dashboardDb = "bench_wc_dashboard_" + suffix;
string Cs(string db) => new NpgsqlConnectionStringBuilder(admin) { Database = db, CommandTimeout = 600 }.ConnectionString;
await using (var connection = new NpgsqlConnection(admin))
{
    await connection.OpenAsync();
    foreach (var db in new[] { watchedDb, untouchedDb, dashboardDb })
    {
        await Execute(connection, $"CREATE DATABASE \"{db}\"");
    }
}

var scriptPath = Path.Combine(Path.GetTempPath(), $"booking-insert-{suffix}.sql");
try
{
    // Two identical booking databases (same seed, same schema: db/booking, with its updated_at indexes).
    var now = DateTimeOffset.UtcNow;
    SeedResult? seeded = null;
    foreach (var db in new[] { watchedDb, untouchedDb })
    {
        Console.WriteLine($"seeding {db} with {options.Bookings:N0} bookings…");
        seeded = await new BookingSeeder(new FixedClock(now)).SeedAsync(Cs(db), options.Bookings, 365, CancellationToken.None);
        await using var connection = new NpgsqlConnection(Cs(db));
        await connection.OpenAsync();
        // The booking service's id generator (the demo schema has none); the same in both databases.
        await Execute(connection, $"CREATE SEQUENCE IF NOT EXISTS booking.bench_booking_id START {options.Bookings + 1}");
        await Execute(connection, "VACUUM ANALYZE");
        await Execute(connection, "CHECKPOINT");
    }

    // One booking made through the booking service: a single-row INSERT with its foreign keys checked.
    await File.WriteAllTextAsync(scriptPath, $"""
        \set city random(1, 4)
        \set shop random(1, {seeded!.Shops})
        \set provider random(1, {seeded.Providers})
        \set customer random(1, {seeded.Customers})
        \set service random(1, 8)
        INSERT INTO booking.bookings (id, city_id, shop_id, provider_id, customer_id, service_id, status, created_at, starts_at, price_ars)
        VALUES (nextval('booking.bench_booking_id'), :city, :shop, :provider, :customer, :service, 'confirmed', now(), now() + interval '2 days', 18000);

        """);

    // The dashboard of the watched database: its own database, the maintainer (caught up before the runs) and a
    // reader of the figures on the live poller's cadence.
    await using var dashboard = NpgsqlDataSource.Create(Cs(dashboardDb));
    await new MigrationRunner(dashboard, NullLogger<MigrationRunner>.Instance).ApplyAsync(CancellationToken.None);
    await using var bookingDatabase = new BookingDatabase(Cs(watchedDb), TimeSpan.FromSeconds(30));
    var bookingOptions = Options.Create(new BookingOptions { RefreshInterval = options.Refresh });
    var catchUp = Stopwatch.StartNew();
    using (var first = new BookingAggregatorService(dashboard, bookingDatabase, TimeProvider.System, bookingOptions, NullLogger<BookingAggregatorService>.Instance))
    {
        await first.TickAsync(CancellationToken.None);
        await first.TickAsync(CancellationToken.None);
    }
    catchUp.Stop();
    Console.WriteLine($"watched database caught up in {catchUp.Elapsed.TotalSeconds:0.0} s");

    var results = new List<Run>();
    var refreshes = new List<double>();
    for (var round = 1; round <= options.Rounds; round++)
    {
        foreach (var clients in new[] { 1, 16 })
        {
            // Alternate which side goes first, so a drift in the machine's load does not favour one side.
            var order = round % 2 == 1 ? new[] { false, true } : [true, false];
            foreach (var watched in order)
            {
                var run = watched
                    ? await WatchedRunAsync(clients, round, refreshes)
                    : new Run(false, clients, round, await Pgbench.RunAsync(pgbench, admin, untouchedDb, scriptPath, clients, options.Duration), Load());
                results.Add(run);
                Console.WriteLine($"round {round}, {clients,2} client(s), {(watched ? "watched  " : "untouched")}: {run.Tps:N0} inserts/s (load {run.Load})");
            }
        }
    }

    // The figures of the watched database still equal the naive queries after all those inserts (one last refresh).
    bool same;
    using (var last = new BookingAggregatorService(dashboard, bookingDatabase, TimeProvider.System, bookingOptions, NullLogger<BookingAggregatorService>.Instance))
    {
        await last.TickAsync(CancellationToken.None);
        await using var booking = new NpgsqlConnection(Cs(watchedDb));
        await booking.OpenAsync();
        await using var dash = await dashboard.OpenConnectionAsync();
        var periods = BookingPeriods.At(DateTimeOffset.UtcNow, 30);
        var raw = await BookingFiguresReader.ReadAsync(booking, BookingQueryStrategy.Raw, periods, DateTimeOffset.UnixEpoch, CancellationToken.None);
        var aggregates = await BookingFiguresReader.ReadAsync(dash, BookingQueryStrategy.Aggregates, periods, DateTimeOffset.UnixEpoch, CancellationToken.None);
        same = raw with { Strategy = aggregates.Strategy, Cities = aggregates.Cities, Hours = aggregates.Hours } == aggregates
            && raw.Cities.SequenceEqual(aggregates.Cities) && raw.Hours.SequenceEqual(aggregates.Hours);
    }

    var report = Report.Build(options, seeded, results, refreshes, same, await ServerVersion(admin), catchUp.Elapsed);
    var outPath = Path.GetFullPath(options.Out);
    await File.WriteAllTextAsync(outPath, report);
    Console.WriteLine(report);
    Console.WriteLine($"written to {outPath}");
    return Report.Ratios(results).All(r => r.Ratio >= 0.95) && same ? 0 : 1;

    async Task<Run> WatchedRunAsync(int clients, int round, List<double> refreshTimes)
    {
        // The dashboard running: the maintainer refreshing every RefreshInterval and a poller reading the figures
        // every Bookings:Interval, for the whole pgbench run.
        using var stop = new CancellationTokenSource();
        var service = new BookingAggregatorService(dashboard, bookingDatabase, TimeProvider.System, bookingOptions, NullLogger<BookingAggregatorService>.Instance);
        var reader = new BookingFiguresReader(dashboard, bookingDatabase, TimeProvider.System, bookingOptions);
        var maintain = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(options.Refresh);
            do
            {
                var watch = Stopwatch.StartNew();
                await service.TickAsync(stop.Token);
                lock (refreshTimes)
                {
                    refreshTimes.Add(watch.Elapsed.TotalMilliseconds);
                }
            }
            while (await timer.WaitForNextTickAsync(stop.Token));
        });
        var poll = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(bookingOptions.Value.Interval);
            while (await timer.WaitForNextTickAsync(stop.Token))
            {
                await reader.ReadAsync(stop.Token);
            }
        });
        var tps = await Pgbench.RunAsync(pgbench, admin, watchedDb, scriptPath, clients, options.Duration);
        var load = Load();
        await stop.CancelAsync();
        try
        {
            await Task.WhenAll(maintain, poll);
        }
        catch (OperationCanceledException)
        {
        }
        service.Dispose();
        return new Run(true, clients, round, tps, load);
    }
}
finally
{
    File.Delete(scriptPath);
    NpgsqlConnection.ClearAllPools();
    await using var connection = new NpgsqlConnection(admin);
    await connection.OpenAsync();
    foreach (var db in new[] { watchedDb, untouchedDb, dashboardDb })
    {
        await Execute(connection, $"DROP DATABASE IF EXISTS \"{db}\" WITH (FORCE)");
    }
}

static string Load()
{
    try
    {
        return string.Join(" / ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
    }
    catch (IOException)
    {
        return "unknown";
    }
}

static async Task Execute(NpgsqlConnection connection, string sql)
{
    await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
    await command.ExecuteNonQueryAsync();
}

static async Task<string> ServerVersion(string admin)
{
    await using var connection = new NpgsqlConnection(admin);
    await connection.OpenAsync();
    await using var command = new NpgsqlCommand("SHOW server_version", connection);
    return Convert.ToString(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture) ?? "";
}

internal sealed record Run(bool Watched, int Clients, int Round, double Tps, string Load);

internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}

internal static partial class Pgbench
{
    public static string? Find()
    {
        foreach (var candidate in Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Order().Reverse().Select(d => Path.Combine(d, "bin", "pgbench"))
            : [])
        {
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        return File.Exists("/usr/bin/pgbench") ? "/usr/bin/pgbench" : null;
    }

    public static async Task<double> RunAsync(string pgbench, string admin, string database, string script, int clients, int seconds)
    {
        var cs = new NpgsqlConnectionStringBuilder(admin);
        var start = new ProcessStartInfo(pgbench)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { "-n", "-M", "prepared", "-f", script, "-c", clients.ToString(CultureInfo.InvariantCulture),
            "-j", Math.Min(clients, 4).ToString(CultureInfo.InvariantCulture), "-T", seconds.ToString(CultureInfo.InvariantCulture),
            "-h", cs.Host ?? "127.0.0.1", "-p", cs.Port.ToString(CultureInfo.InvariantCulture), "-U", cs.Username ?? "postgres", database })
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var output = await stdout;
        var match = Tps().Match(output);
        if (process.ExitCode != 0 || !match.Success)
        {
            throw new InvalidOperationException($"pgbench failed ({process.ExitCode}): {output} {await stderr}");
        }
        return double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"tps = ([0-9.]+) \(without initial connection time\)")]
    private static partial Regex Tps();
}

internal sealed record Arguments(int Bookings, int Duration, int Rounds, TimeSpan Refresh, string Out)
{
    public static Arguments Parse(string[] args)
    {
        var bookings = 1_000_000;
        var duration = 30;
        var rounds = 3;
        var refresh = new BookingOptions().RefreshInterval;
        var output = Path.Combine("bench", "BookingWriteCost", "results.md");
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--bookings": bookings = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--duration": duration = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--rounds": rounds = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--refresh": refresh = TimeSpan.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--out": output = args[++i]; break;
                default: throw new ArgumentException($"Unknown argument {args[i]}.");
            }
        }
        return new Arguments(bookings, duration, rounds, refresh, output);
    }
}

internal static class Report
{
    public static IEnumerable<(int Clients, double Untouched, double Watched, double Ratio)> Ratios(List<Run> runs) =>
        runs.GroupBy(r => r.Clients).OrderBy(g => g.Key).Select(g =>
        {
            var untouched = Median(g.Where(r => !r.Watched).Select(r => r.Tps));
            var watched = Median(g.Where(r => r.Watched).Select(r => r.Tps));
            return (g.Key, untouched, watched, watched / untouched);
        });

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    public static string Build(Arguments options, SeedResult seeded, List<Run> runs, List<double> refreshes, bool same, string serverVersion,
        TimeSpan catchUp)
    {
        var inv = CultureInfo.InvariantCulture;
        var s = new StringBuilder();
        var sortedRefreshes = refreshes.Order().ToArray();
        s.Append(inv, $"""
            # What the dashboard costs the booking service's writes

            Written by `bench/BookingWriteCost` (`dotnet run -c Release --project bench/BookingWriteCost`), {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC.

            Single-row booking INSERTs (pgbench, prepared statements, foreign keys checked, `updated_at` from its default
            `now()`), {options.Duration} s per run, with 1 and 16 clients, on two identical booking databases seeded with
            {seeded.Bookings:N0} bookings (db/booking schema: primary keys and the (updated_at, id) indexes the dashboard needs):

            - **watched**: the dashboard's maintainer running (refresh every {options.Refresh.TotalSeconds:0} s: changes past the watermark
              with a {new BookingOptions().WatermarkMargin.TotalSeconds:0} s margin, a sweep slice of {new BookingOptions().SweepIds:N0} ids per table) and its poller reading
              the figures from the dashboard database every {new BookingOptions().Interval.TotalSeconds:0} s, for the whole run; caught up before the
              runs (from nothing, {catchUp.TotalSeconds:0.0} s at this size);
            - **untouched**: a booking database the dashboard has never connected to, with the dashboard stopped.

            {options.Rounds} rounds; in each, both sides run one after the other (the order alternates between rounds);
            the ratio is of the medians. The booking and dashboard databases are on the same PostgreSQL server (the
            project's stack, fsync off), so the dashboard's own writes compete for the same 2 cores — a worst case: in
            production the dashboard reads a replica and writes to its own server.

            ## Result

            | clients | untouched (inserts/s, median) | watched (inserts/s, median) | watched ÷ untouched | ≥ 0.95 |
            | ---: | ---: | ---: | ---: | :---: |

            """);
        foreach (var (clients, untouched, watched, ratio) in Ratios(runs))
        {
            s.Append(inv, $"| {clients} | {untouched:N0} | {watched:N0} | {ratio:0.000} | {(ratio >= 0.95 ? "yes" : "**no**")} |\n");
        }
        s.Append(inv, $"""

            After the runs the watched database's figures from the aggregates equal the naive queries over its raw tables:
            **{(same ? "yes" : "NO")}**. Maintainer refreshes during the watched runs: {refreshes.Count}, median
            {(sortedRefreshes.Length == 0 ? 0 : sortedRefreshes[sortedRefreshes.Length / 2]):0} ms, max {(sortedRefreshes.Length == 0 ? 0 : sortedRefreshes[^1]):0} ms.

            ## Every run

            | round | clients | database | inserts/s | load average (1/5/15 min) at its end |
            | ---: | ---: | --- | ---: | --- |

            """);
        foreach (var run in runs)
        {
            s.Append(inv, $"| {run.Round} | {run.Clients} | {(run.Watched ? "watched" : "untouched")} | {run.Tps:N0} | {run.Load} |\n");
        }
        s.Append(inv, $"""

            ## Machine

            - {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}, PostgreSQL {serverVersion}
            - Shared with four other engineers' builds and tests while this ran (see the load averages): single runs vary
              by more than 5 % from one minute to the next, hence the alternating rounds and medians.

            """);
        return s.ToString();
    }
}
