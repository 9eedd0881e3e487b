// Booking-figure queries at scale: seeds a fresh booking database with the simulator's seeder, builds the dashboard's
// aggregates from nothing in a fresh dashboard database (timed: the catch-up after a fresh start), then times every
// booking figure read from those aggregates (what the dashboard does) and the naive query over the raw booking tables
// (the reference), checks both give the same figures, and writes results.md.
//
//   BARBERPRO_PG_ADMIN=... dotnet run -c Release --project bench/BookingQueries -- [--bookings 5000000]
//       [--before-runs 10] [--after-runs 200] [--out bench/BookingQueries/results.md] [--keep]
using System.Diagnostics;
using System.Globalization;
using System.Text;
using BarberPro.Core.Bookings;
using BarberPro.Core.Persistence;
using BarberPro.Simulator.Bookings;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

var inv = CultureInfo.InvariantCulture;
var options = Arguments.Parse(args);
var admin = Environment.GetEnvironmentVariable("BARBERPRO_PG_ADMIN");
if (string.IsNullOrEmpty(admin))
{
    Console.Error.WriteLine("BARBERPRO_PG_ADMIN is not set: run `scripts/stack.sh start` and `source .stack/dev/env` first.");
    return 2;
}

var suffix = Guid.NewGuid().ToString("N")[..8];
var database = "bench_bookings_" + suffix;
var dashboardDatabase = "bench_bkdash_" + suffix;
var connectionString = new NpgsqlConnectionStringBuilder(admin) { Database = database, CommandTimeout = 600 }.ConnectionString;
var dashboardConnectionString = new NpgsqlConnectionStringBuilder(admin) { Database = dashboardDatabase, CommandTimeout = 600 }.ConnectionString;
await using (var connection = new NpgsqlConnection(admin))
{
    await connection.OpenAsync();
    await Execute(connection, $"CREATE DATABASE \"{database}\"");
    await Execute(connection, $"CREATE DATABASE \"{dashboardDatabase}\"");
}
Console.WriteLine($"databases {database}, {dashboardDatabase}: seeding {options.Bookings:N0} bookings…");

try
{
    var loadBefore = Load.Read();
    var seedWatch = Stopwatch.StartNew();
    var seeded = await new BookingSeeder(TimeProvider.System).SeedAsync(connectionString, options.Bookings, 365, CancellationToken.None);
    seedWatch.Stop();
    Console.WriteLine($"seeded {seeded.Bookings:N0} bookings, {seeded.Payments:N0} payments in {seedWatch.Elapsed.TotalSeconds:0.0} s");

    await using var dataSource = NpgsqlDataSource.Create(connectionString);
    await using var db = await dataSource.OpenConnectionAsync();
    await Execute(db, "VACUUM ANALYZE booking.bookings");
    await Execute(db, "VACUUM ANALYZE booking.payments");
    var periods = BookingPeriods.At(DateTimeOffset.UtcNow, 30);

    // The dashboard side: a fresh dashboard database, then the first catch-up (what a fresh start does), timed.
    await using var dashboard = NpgsqlDataSource.Create(dashboardConnectionString);
    await new MigrationRunner(dashboard, NullLogger<MigrationRunner>.Instance).ApplyAsync(CancellationToken.None);
    await using var bookingDatabase = new BookingDatabase(connectionString, TimeSpan.FromMinutes(1));
    var aggregatorOptions = new BookingOptions();
    var aggregator = new BookingAggregator(bookingDatabase, TimeProvider.System, aggregatorOptions);
    await using var maintainer = await dashboard.OpenConnectionAsync();
    var catchUpWatch = Stopwatch.StartNew();
    var first = await aggregator.RefreshOnceAsync(maintainer, CancellationToken.None);
    catchUpWatch.Stop();
    Console.WriteLine($"catch-up from nothing: {first.BookingsRead:N0} bookings, {first.PaymentsRead:N0} payments in {catchUpWatch.Elapsed.TotalSeconds:0.0} s");
    // Steady state with nothing changed: the margin re-read plus one sweep slice of each table.
    var steady = new double[5];
    for (var i = 0; i < steady.Length; i++)
    {
        var watch = Stopwatch.StartNew();
        await aggregator.RefreshOnceAsync(maintainer, CancellationToken.None);
        steady[i] = watch.Elapsed.TotalMilliseconds;
    }
    var steadyTiming = Timing.Of("steady refresh (no change; one sweep slice per table)", steady);
    Console.WriteLine($"steady refresh: p50 {steadyTiming.P50:0} ms, max {steadyTiming.Max:0} ms");

    await using var dash = await dashboard.OpenConnectionAsync();
    await Execute(dash, "VACUUM ANALYZE");
    Console.WriteLine("aggregates (dashboard database):");
    var after = await TimeAll(dash, BookingKpiQueries.Aggregates, periods, options.AfterRuns);
    var figuresAfter = await BookingFiguresReader.ReadAsync(dash, BookingQueryStrategy.Aggregates, periods, DateTimeOffset.UtcNow, CancellationToken.None);
    var batch = await TimeBatch(dash, periods, options.AfterRuns);
    Console.WriteLine("naive queries over the raw booking tables:");
    var before = await TimeAll(db, BookingKpiQueries.Raw, periods, options.BeforeRuns);
    var figuresBefore = await BookingFiguresReader.ReadAsync(db, BookingQueryStrategy.Raw, periods, DateTimeOffset.UtcNow, CancellationToken.None);
    var same = Comparable(figuresBefore) == Comparable(figuresAfter);
    var loadAfter = Load.Read();

    var sizes = new StringBuilder();
    foreach (var (connection, schema) in new[] { (db, "booking"), (dash, "dashboard") })
    {
        await using var command = new NpgsqlCommand("""
            SELECT n.nspname || '.' || c.relname, pg_size_pretty(pg_total_relation_size(c.oid)), c.reltuples::bigint
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = @schema AND c.relkind = 'r' AND (n.nspname = 'booking' OR c.relname LIKE '%booking%' OR c.relname LIKE 'payment%')
            ORDER BY pg_total_relation_size(c.oid) DESC
            """, connection);
        command.Parameters.AddWithValue("schema", schema);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            sizes.Append(inv, $"| {reader.GetString(0)} | {reader.GetString(1)} | {reader.GetInt64(2):N0} |\n");
        }
    }

    var report = Report.Build(options, seeded, seedWatch.Elapsed, catchUpWatch.Elapsed, first, steadyTiming, before, after, batch, same,
        sizes.ToString(), await Scalar(db, "SHOW server_version"), figuresAfter, loadBefore, loadAfter);
    var outPath = Path.GetFullPath(options.Out);
    await File.WriteAllTextAsync(outPath, report);
    Console.WriteLine(report);
    Console.WriteLine($"written to {outPath}");
    return after.All(r => r.P95 <= 20) && batch.P95 <= 20 && same ? 0 : 1;
}
finally
{
    if (!options.Keep)
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        await Execute(connection, $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
        await Execute(connection, $"DROP DATABASE IF EXISTS \"{dashboardDatabase}\" WITH (FORCE)");
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
        await BookingFiguresReader.ReadAsync(db, BookingQueryStrategy.Aggregates, periods, DateTimeOffset.UtcNow, CancellationToken.None);
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

internal static class Load
{
    /// <summary>The 1-, 5- and 15-minute load averages of the machine (shared with other engineers' work).</summary>
    public static string Read()
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
}

internal static class Report
{
    public static string Build(Arguments options, SeedResult seeded, TimeSpan seedTime, TimeSpan catchUp, BookingRefreshResult first,
        Timing steady, List<Timing> before, List<Timing> after, Timing batch, bool same, string sizes, string serverVersion,
        BookingFigures figures, string loadBefore, string loadAfter)
    {
        var inv = CultureInfo.InvariantCulture;
        var s = new StringBuilder();
        s.Append(inv, $"""
            # Booking-figure queries at {seeded.Bookings:N0} bookings

            Written by `bench/BookingQueries` (`dotnet run -c Release --project bench/BookingQueries`), {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC.
            Each figure's query is run twice to warm up, then {options.AfterRuns} times on the aggregates and {options.BeforeRuns} times on
            the raw tables; one connection, sequential, times measured in the client (round trip on loopback included).
            Percentiles are nearest-rank.

            - **Dashboard side** (what the dashboard reads): the aggregates of db/dashboard/0006 in the dashboard's own
              database (`BookingKpiQueries.Aggregates`), built from nothing by `BookingAggregator` from read-only queries on
              the booking database.
            - **Naive** (the reference): the same figures straight from the raw booking tables (`BookingKpiQueries.Raw`);
              the booking database has only primary keys and the (updated_at, id) indexes, tables vacuumed and analysed.
            - Both answer the same figures: **{(same ? "yes, identical" : "NO — they differ")}**.

            ## Catch-up after a fresh start

            Building the aggregates from nothing (empty dashboard tables, no watermark): **{catchUp.TotalSeconds:0.0} s** for
            {first.BookingsRead:N0} bookings and {first.PaymentsRead:N0} payments (copied by primary-key ranges of {new BookingOptions().PageSize:N0} ids
            with binary COPY, then one GROUP BY per aggregate, all in one transaction of the dashboard database). The figures
            say "being built" until then.
            A refresh with nothing changed afterwards (the margin re-read and one sweep slice of each table):
            p50 {steady.P50:0} ms, max {steady.Max:0} ms over {steady.Runs} runs.

            ## Machine

            - {Environment.ProcessorCount} cores: {Cpu()}; {Memory()}
            - {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}, PostgreSQL {serverVersion} (default settings of scripts/stack.sh; booking and dashboard databases on the same server)
            - Shared with other engineers' builds and tests while this ran: load average (1/5/15 min) {loadBefore} at the start, {loadAfter} at the end.

            ## Data

            {seeded.Bookings:N0} bookings over 365 days, {seeded.Payments:N0} payments, {seeded.Customers:N0} customers, {seeded.Shops:N0} shops; seeded by
            `BookingSeeder` (the `seed-bookings` code, binary COPY, indexes built after the load) in {seedTime.TotalSeconds:0.0} s.

            | table | size | rows |
            | --- | ---: | ---: |
            {sizes}
            ## Results (ms)

            | figure | dashboard p50 | dashboard p95 | ≤ 20 ms p95 | naive p50 | naive p95 |
            | --- | ---: | ---: | :---: | ---: | ---: |

            """);
        foreach (var a in after)
        {
            var b = before.Single(x => x.Name == a.Name);
            s.Append(inv, $"| {a.Name} | {a.P50:0.00} | {a.P95:0.00} | {(a.P95 <= 20 ? "yes" : "**no**")} | {b.P50:0.00} | {b.P95:0.00} |\n");
        }
        s.Append(inv, $"| *{batch.Name}* (what the poller reads) | {batch.P50:0.00} | {batch.P95:0.00} | {(batch.P95 <= 20 ? "yes" : "**no**")} | | |\n");
        s.Append(inv, $"""

            Figures read: {figures.BookingsToday:N0} bookings today, {figures.BookingsThisWeek:N0} this week, completion
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
