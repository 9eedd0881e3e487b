// Booking-figure queries at scale: seeds a fresh database with the simulator's seeder, then times every booking
// figure over the raw tables ("before": no rollups, no secondary index) and over the rollups of
// db/booking/002_dashboard_rollups.sql ("after"), in one run, and writes results.md.
//
//   BARBERPRO_PG_ADMIN=... dotnet run -c Release --project bench/BookingQueries -- [--bookings 5000000]
//       [--before-runs 10] [--after-runs 200] [--out bench/BookingQueries/results.md] [--keep]
using System.Diagnostics;
using System.Globalization;
using System.Text;
using BarberPro.Core.Bookings;
using BarberPro.Simulator.Bookings;
using Npgsql;

var inv = CultureInfo.InvariantCulture;
var options = Arguments.Parse(args);
var admin = Environment.GetEnvironmentVariable("BARBERPRO_PG_ADMIN");
if (string.IsNullOrEmpty(admin))
{
    Console.Error.WriteLine("BARBERPRO_PG_ADMIN is not set: run `scripts/stack.sh start` and `source .stack/dev/env` first.");
    return 2;
}

var database = "bench_bookings_" + Guid.NewGuid().ToString("N")[..8];
var connectionString = new NpgsqlConnectionStringBuilder(admin) { Database = database, CommandTimeout = 600 }.ConnectionString;
await using (var connection = new NpgsqlConnection(admin))
{
    await connection.OpenAsync();
    await Execute(connection, $"CREATE DATABASE \"{database}\"");
}
Console.WriteLine($"database {database}: seeding {options.Bookings:N0} bookings…");

try
{
    var seedWatch = Stopwatch.StartNew();
    var seeded = await new BookingSeeder(TimeProvider.System).SeedAsync(connectionString, options.Bookings, 365, CancellationToken.None);
    seedWatch.Stop();
    Console.WriteLine($"seeded {seeded.Bookings:N0} bookings, {seeded.Payments:N0} payments in {seedWatch.Elapsed.TotalSeconds:0.0} s (rollups maintained by the triggers)");

    await using var dataSource = NpgsqlDataSource.Create(connectionString);
    await using var db = await dataSource.OpenConnectionAsync();
    var periods = BookingPeriods.At(DateTimeOffset.UtcNow, 30);

    // Before: the schema of 001 alone. The rollups and their triggers go; the tables are vacuumed so that the raw
    // queries get their best case (visibility map set, statistics fresh).
    await Execute(db, """
        DROP TRIGGER IF EXISTS kpi_bookings_inserted ON booking.bookings;
        DROP TRIGGER IF EXISTS kpi_bookings_updated ON booking.bookings;
        DROP TRIGGER IF EXISTS kpi_bookings_deleted ON booking.bookings;
        DROP TRIGGER IF EXISTS kpi_bookings_truncated ON booking.bookings;
        DROP TRIGGER IF EXISTS kpi_payments_inserted ON booking.payments;
        DROP TRIGGER IF EXISTS kpi_payments_updated ON booking.payments;
        DROP TRIGGER IF EXISTS kpi_payments_deleted ON booking.payments;
        DROP TRIGGER IF EXISTS kpi_payments_truncated ON booking.payments;
        DROP TABLE IF EXISTS booking.kpi_hourly, booking.payment_daily, booking.customer_months, booking.monthly_active;
        """);
    await Execute(db, "VACUUM ANALYZE booking.bookings");
    await Execute(db, "VACUUM ANALYZE booking.payments");
    var strategyBefore = await BookingFiguresReader.StrategyAsync(db, CancellationToken.None);
    Console.WriteLine($"before: strategy {strategyBefore}");
    var before = await TimeAll(db, BookingKpiQueries.Raw, periods, options.BeforeRuns);
    var figuresBefore = await BookingFiguresReader.ReadAsync(db, BookingQueryStrategy.Raw, periods, DateTimeOffset.UtcNow, CancellationToken.None);

    // After: db/booking/002 as seed-bookings applies it (here on existing rows: its back-fill path).
    var script = BookingSeeder.SchemaScripts().Single(s => s.Name.StartsWith("002_", StringComparison.Ordinal));
    var applyWatch = Stopwatch.StartNew();
    await Execute(db, script.Sql);
    applyWatch.Stop();
    await Execute(db, "VACUUM ANALYZE booking.kpi_hourly, booking.payment_daily, booking.customer_months, booking.monthly_active");
    var strategyAfter = await BookingFiguresReader.StrategyAsync(db, CancellationToken.None);
    Console.WriteLine($"after: 002 applied (back-fill) in {applyWatch.Elapsed.TotalSeconds:0.0} s; strategy {strategyAfter}");
    var after = await TimeAll(db, BookingKpiQueries.Rollup, periods, options.AfterRuns);
    var figuresAfter = await BookingFiguresReader.ReadAsync(db, BookingQueryStrategy.Rollup, periods, DateTimeOffset.UtcNow, CancellationToken.None);
    var batch = await TimeBatch(db, periods, options.AfterRuns);
    var same = Comparable(figuresBefore) == Comparable(figuresAfter);

    var sizes = new StringBuilder();
    await using (var command = new NpgsqlCommand("""
        SELECT c.relname, pg_size_pretty(pg_total_relation_size(c.oid)), c.reltuples::bigint
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'booking' AND c.relkind = 'r' ORDER BY pg_total_relation_size(c.oid) DESC
        """, db))
    await using (var reader = await command.ExecuteReaderAsync())
    {
        while (await reader.ReadAsync())
        {
            sizes.Append(inv, $"| {reader.GetString(0)} | {reader.GetString(1)} | {reader.GetInt64(2):N0} |\n");
        }
    }

    var report = Report.Build(options, seeded, seedWatch.Elapsed, applyWatch.Elapsed, before, after, batch, same, sizes.ToString(),
        await Scalar(db, "SHOW server_version"), figuresAfter);
    var outPath = Path.GetFullPath(options.Out);
    await File.WriteAllTextAsync(outPath, report);
    Console.WriteLine(report);
    Console.WriteLine($"written to {outPath}");
    return after.All(r => r.P95 < 50) && same ? 0 : 1;
}
finally
{
    if (!options.Keep)
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        await Execute(connection, $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
    }
}

static async Task<List<Timing>> TimeAll(NpgsqlConnection db, IReadOnlyList<BookingQuery> queries, BookingPeriods periods, int runs)
{
    var results = new List<Timing>();
    foreach (var query in queries)
    {
        await using var command = new NpgsqlCommand(query.Sql, db);
        BookingKpiQueries.Bind(command.Parameters, periods);
        for (var i = 0; i < 2; i++)
        {
            await Drain(command);
        }
        var samples = new double[runs];
        for (var i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            await Drain(command);
            samples[i] = watch.Elapsed.TotalMilliseconds;
        }
        var timing = Timing.Of(query.Name, samples);
        Console.WriteLine($"  {timing.Name,-24} p50 {timing.P50,9:0.00} ms   p95 {timing.P95,9:0.00} ms");
        results.Add(timing);
    }
    return results;
}

static async Task<Timing> TimeBatch(NpgsqlConnection db, BookingPeriods periods, int runs)
{
    var samples = new double[runs];
    for (var i = -2; i < runs; i++)
    {
        var watch = Stopwatch.StartNew();
        await BookingFiguresReader.ReadAsync(db, BookingQueryStrategy.Rollup, periods, DateTimeOffset.UtcNow, CancellationToken.None);
        if (i >= 0)
        {
            samples[i] = watch.Elapsed.TotalMilliseconds;
        }
    }
    return Timing.Of("all figures, one batch", samples);
}

static async Task Drain(NpgsqlCommand command)
{
    await using var reader = await command.ExecuteReaderAsync();
    while (await reader.ReadAsync())
    {
    }
}

static async Task Execute(NpgsqlConnection connection, string sql)
{
    await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
    await command.ExecuteNonQueryAsync();
}

static async Task<string> Scalar(NpgsqlConnection connection, string sql)
{
    await using var command = new NpgsqlCommand(sql, connection);
    return Convert.ToString(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture) ?? "";
}

static string Comparable(BookingFigures f) => string.Join(";", f.BookingsToday, f.BookingsThisWeek, f.CompletedInWindow, f.FinishedInWindow,
    f.PaymentsSucceededInWindow, f.PaymentsFailedInWindow, f.ActiveUsersThisMonth,
    string.Join(",", f.Cities.Select(c => $"{c.City}:{c.Bookings}:{c.Completed}:{c.RevenueArs:0.00}")),
    string.Join(",", f.Hours.Select(h => h.Appointments)));

internal sealed record Timing(string Name, double P50, double P95, double Max, int Runs)
{
    public static Timing Of(string name, double[] samples)
    {
        var sorted = samples.Order().ToArray();
        return new Timing(name, Percentile(sorted, 0.50), Percentile(sorted, 0.95), sorted[^1], sorted.Length);
    }

    // Nearest rank: the smallest sample with at least p of the samples at or below it.
    private static double Percentile(double[] sorted, double p) => sorted[Math.Max(0, (int)Math.Ceiling(p * sorted.Length) - 1)];
}

internal sealed record Arguments(int Bookings, int BeforeRuns, int AfterRuns, string Out, bool Keep)
{
    public static Arguments Parse(string[] args)
    {
        var bookings = 5_000_000;
        var beforeRuns = 10;
        var afterRuns = 200;
        var output = Path.Combine("bench", "BookingQueries", "results.md");
        var keep = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--bookings": bookings = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--before-runs": beforeRuns = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--after-runs": afterRuns = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--out": output = args[++i]; break;
                case "--keep": keep = true; break;
                default: throw new ArgumentException($"Unknown argument {args[i]}.");
            }
        }
        return new Arguments(bookings, beforeRuns, afterRuns, output, keep);
    }
}

internal static class Report
{
    public static string Build(Arguments options, SeedResult seeded, TimeSpan seedTime, TimeSpan applyTime, List<Timing> before, List<Timing> after,
        Timing batch, bool same, string sizes, string serverVersion, BookingFigures figures)
    {
        var inv = CultureInfo.InvariantCulture;
        var s = new StringBuilder();
        s.Append(inv, $"""
            # Booking-figure queries at {seeded.Bookings:N0} bookings

            Written by `bench/BookingQueries` (`dotnet run -c Release --project bench/BookingQueries`), {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC.
            Each figure's query is run twice to warm up, then {options.BeforeRuns} times before and {options.AfterRuns} times after; one
            connection, sequential, times measured in the client (round trip on loopback included). Percentiles are nearest-rank.

            - **Before**: db/booking/001 only (primary keys, no secondary index, no rollup), tables vacuumed and analysed; the
              dashboard's raw-table SQL (`BookingKpiQueries.Raw`), which it uses when the rollups are missing.
            - **After**: db/booking/002_dashboard_rollups.sql applied (back-filled in {applyTime.TotalSeconds:0.0} s), the dashboard's
              rollup SQL (`BookingKpiQueries.Rollup`).
            - Both answer the same figures: **{(same ? "yes, identical" : "NO — they differ")}**.

            ## Machine

            - {Environment.ProcessorCount} cores: {Cpu()}; {Memory()}
            - {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}, PostgreSQL {serverVersion} (default settings of scripts/stack.sh)
            - The two cores were shared with other engineers' builds and tests while this ran, so the figures include their noise.

            ## Data

            {seeded.Bookings:N0} bookings over 365 days, {seeded.Payments:N0} payments, {seeded.Customers:N0} customers, {seeded.Shops:N0} shops; seeded by
            `BookingSeeder` (the `seed-bookings` code, binary COPY) in {seedTime.TotalSeconds:0.0} s with the rollup triggers on.

            | table | size | rows |
            | --- | ---: | ---: |
            {sizes}
            ## Results (ms)

            | figure | before p50 | before p95 | after p50 | after p95 | under 50 ms p95 |
            | --- | ---: | ---: | ---: | ---: | :---: |

            """);
        foreach (var b in before)
        {
            var a = after.Single(x => x.Name == b.Name);
            s.Append(inv, $"| {b.Name} | {b.P50:0.00} | {b.P95:0.00} | {a.P50:0.00} | {a.P95:0.00} | {(a.P95 < 50 ? "yes" : "**no**")} |\n");
        }
        s.Append(inv, $"| *{batch.Name}* (what the poller sends every 30 s) | | | {batch.P50:0.00} | {batch.P95:0.00} | {(batch.P95 < 50 ? "yes" : "**no**")} |\n");
        s.Append(inv, $"""

            Figures read (after): {figures.BookingsToday:N0} bookings today, {figures.BookingsThisWeek:N0} this week, completion
            {figures.CompletionRate:P1}, payment success {figures.PaymentSuccessRate:P1}, {figures.ActiveUsersThisMonth:N0} active users this month.

            """);
        return s.ToString();
    }

    private static string Cpu()
    {
        try
        {
            var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            return line?.Split(':', 2)[1].Trim() ?? "unknown CPU";
        }
        catch (IOException)
        {
            return "unknown CPU";
        }
    }

    private static string Memory()
    {
        try
        {
            var line = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal", StringComparison.Ordinal));
            var kb = long.Parse(line.Split(':', 2)[1].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            return (kb / 1024.0 / 1024.0).ToString("0.0", CultureInfo.InvariantCulture) + " GiB RAM";
        }
        catch (IOException)
        {
            return "unknown RAM";
        }
    }
}
