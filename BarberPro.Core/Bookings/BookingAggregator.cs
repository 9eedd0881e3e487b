using Npgsql;
using NpgsqlTypes;

namespace BarberPro.Core.Bookings;

/// <summary>What one refresh did, per booking table; <c>CaughtUp</c>: the aggregates had caught up before it began.</summary>
public sealed record BookingRefreshResult(long BookingsRead, long PaymentsRead, long BookingsRepaired, long PaymentsRepaired, bool CaughtUp);

/// <summary>
/// Brings the booking aggregates of the dashboard database (db/dashboard/0006) up to date from read-only queries on the
/// booking database. Each refresh, per table (bookings, payments):
/// <list type="number">
/// <item>compares the (id, updated_at) of the <see cref="BookingOptions.WatermarkMargin"/> behind the watermark with the
/// mirror and reads the rows it lacks (committed late, behind rows already read);</item>
/// <item>reads the rows whose (updated_at, id) is past the watermark, a page at a time, through the booking service's
/// (updated_at, id) index, and applies each page in one transaction of the dashboard database: the change against the
/// mirror row becomes a delta on the aggregates (old −1, new +1), the mirror and the watermark move with it. Applying a
/// row twice changes nothing;</item>
/// <item>once caught up, sweeps <see cref="BookingOptions.SweepIds"/> ids: per range of 1,000 ids, the count and a
/// checksum of (id, updated_at) on both sides; a range that differs is compared row by row, rows gone from the booking
/// database leave the aggregates, rows missing or older in the mirror are read again.</item>
/// </list>
/// The caller holds the maintainer lock and passes the connection that holds it, so that a lost lock (a broken
/// connection) also stops the writes. Not thread-safe: one refresh at a time.
/// </summary>
public sealed class BookingAggregator(BookingDatabase bookings, TimeProvider time, BookingOptions options)
{
    /// <summary>The session advisory lock of the one maintainer among the dashboard instances.</summary>
    public const long MaintainerLockKey = 0x4250_424B_4147; // "BPBKAG"

    private const int SweepChunk = 1_000;

    internal sealed record Source(
        string Name,
        string BookingTable,
        string MirrorTable,
        string OwnTables,
        string Columns,
        string Prepare,
        string Apply,
        string Build);

    private const string Zone = "'America/Argentina/Buenos_Aires'";

    internal static readonly Source Bookings = new(
        "bookings",
        "booking.bookings",
        "dashboard.booking_rows",
        "dashboard.booking_rows, dashboard.booking_daily, dashboard.booking_hourly, dashboard.booking_customer_months, dashboard.booking_monthly_active",
        "id, city_id, customer_id, status, created_at, starts_at, price_ars, updated_at",
        """
        CREATE TEMP TABLE IF NOT EXISTS bookings_incoming (LIKE dashboard.booking_rows) ON COMMIT DELETE ROWS;
        CREATE TEMP TABLE IF NOT EXISTS bookings_gone (id bigint) ON COMMIT DELETE ROWS;
        """,
        $"""
        CREATE TEMP TABLE booking_delta ON COMMIT DROP AS
        SELECT o.city_id, o.customer_id, o.status, o.created_at, o.starts_at, o.price_ars, -1 AS sign
        FROM dashboard.booking_rows o JOIN bookings_gone g ON g.id = o.id
        UNION ALL
        SELECT o.city_id, o.customer_id, o.status, o.created_at, o.starts_at, o.price_ars, -1
        FROM dashboard.booking_rows o JOIN bookings_incoming i ON i.id = o.id
        WHERE (i.city_id, i.customer_id, i.status, i.created_at, i.starts_at, i.price_ars)
              IS DISTINCT FROM (o.city_id, o.customer_id, o.status, o.created_at, o.starts_at, o.price_ars)
        UNION ALL
        SELECT i.city_id, i.customer_id, i.status, i.created_at, i.starts_at, i.price_ars, 1
        FROM bookings_incoming i LEFT JOIN dashboard.booking_rows o ON o.id = i.id
        WHERE o.id IS NULL
           OR (i.city_id, i.customer_id, i.status, i.created_at, i.starts_at, i.price_ars)
              IS DISTINCT FROM (o.city_id, o.customer_id, o.status, o.created_at, o.starts_at, o.price_ars);

        INSERT INTO dashboard.booking_daily AS k (day, city_id, created, starting, completed, cancelled, no_show, revenue_ars)
        SELECT day, city_id, sum(created), sum(starting), sum(completed), sum(cancelled), sum(no_show), sum(revenue_ars)
        FROM (
            SELECT (d.created_at AT TIME ZONE {Zone})::date AS day, d.city_id, d.sign AS created, 0 AS starting,
                   0 AS completed, 0 AS cancelled, 0 AS no_show, 0::numeric AS revenue_ars
            FROM booking_delta d
            UNION ALL
            SELECT (d.starts_at AT TIME ZONE {Zone})::date, d.city_id, 0, d.sign,
                   CASE WHEN d.status = 'completed' THEN d.sign ELSE 0 END,
                   CASE WHEN d.status = 'cancelled' THEN d.sign ELSE 0 END,
                   CASE WHEN d.status = 'no_show' THEN d.sign ELSE 0 END,
                   CASE WHEN d.status = 'completed' THEN d.sign * d.price_ars ELSE 0 END
            FROM booking_delta d
        ) x
        GROUP BY day, city_id
        ON CONFLICT (day, city_id) DO UPDATE SET
            created = k.created + EXCLUDED.created,
            starting = k.starting + EXCLUDED.starting,
            completed = k.completed + EXCLUDED.completed,
            cancelled = k.cancelled + EXCLUDED.cancelled,
            no_show = k.no_show + EXCLUDED.no_show,
            revenue_ars = k.revenue_ars + EXCLUDED.revenue_ars;

        INSERT INTO dashboard.booking_hourly AS h (day, hour, starting)
        SELECT (d.starts_at AT TIME ZONE {Zone})::date, extract(hour FROM d.starts_at AT TIME ZONE {Zone})::smallint, sum(d.sign)
        FROM booking_delta d GROUP BY 1, 2 HAVING sum(d.sign) <> 0
        ON CONFLICT (day, hour) DO UPDATE SET starting = h.starting + EXCLUDED.starting;

        -- Active customers: a customer-month row exists while its count is above 0. A fresh row (xmax = 0 on RETURNING:
        -- inserted, not updated) adds one to the month; a row that falls to 0 is deleted and takes one away.
        WITH delta AS (
            SELECT date_trunc('month', d.created_at AT TIME ZONE {Zone})::date AS month, d.customer_id, sum(d.sign)::integer AS n
            FROM booking_delta d GROUP BY 1, 2 HAVING sum(d.sign) <> 0
        ), upserted AS (
            INSERT INTO dashboard.booking_customer_months AS c (month, customer_id, bookings)
            SELECT month, customer_id, n FROM delta
            ON CONFLICT (month, customer_id) DO UPDATE SET bookings = c.bookings + EXCLUDED.bookings
            RETURNING c.month, (c.xmax = 0) AS fresh
        )
        INSERT INTO dashboard.booking_monthly_active AS m (month, users)
        SELECT month, count(*) FILTER (WHERE fresh) FROM upserted GROUP BY month
        ON CONFLICT (month) DO UPDATE SET users = m.users + EXCLUDED.users;

        WITH gone AS (
            DELETE FROM dashboard.booking_customer_months c
            USING (SELECT DISTINCT date_trunc('month', d.created_at AT TIME ZONE {Zone})::date AS month, d.customer_id
                   FROM booking_delta d WHERE d.sign < 0) t
            WHERE c.month = t.month AND c.customer_id = t.customer_id AND c.bookings <= 0
            RETURNING c.month
        )
        UPDATE dashboard.booking_monthly_active m SET users = m.users - g.n
        FROM (SELECT month, count(*) AS n FROM gone GROUP BY month) g
        WHERE m.month = g.month;

        INSERT INTO dashboard.booking_rows AS r (id, city_id, customer_id, status, created_at, starts_at, price_ars, updated_at)
        SELECT id, city_id, customer_id, status, created_at, starts_at, price_ars, updated_at FROM bookings_incoming
        ON CONFLICT (id) DO UPDATE SET
            city_id = EXCLUDED.city_id, customer_id = EXCLUDED.customer_id, status = EXCLUDED.status,
            created_at = EXCLUDED.created_at, starts_at = EXCLUDED.starts_at, price_ars = EXCLUDED.price_ars,
            updated_at = EXCLUDED.updated_at
        WHERE (r.city_id, r.customer_id, r.status, r.created_at, r.starts_at, r.price_ars, r.updated_at)
              IS DISTINCT FROM (EXCLUDED.city_id, EXCLUDED.customer_id, EXCLUDED.status, EXCLUDED.created_at,
                                EXCLUDED.starts_at, EXCLUDED.price_ars, EXCLUDED.updated_at);
        DELETE FROM dashboard.booking_rows r USING bookings_gone g WHERE r.id = g.id;
        DROP TABLE booking_delta;
        """,
        $"""
        INSERT INTO dashboard.booking_daily (day, city_id, created, starting, completed, cancelled, no_show, revenue_ars)
        SELECT day, city_id, sum(created), sum(starting), sum(completed), sum(cancelled), sum(no_show), sum(revenue_ars)
        FROM (
            SELECT (r.created_at AT TIME ZONE {Zone})::date AS day, r.city_id, 1 AS created, 0 AS starting,
                   0 AS completed, 0 AS cancelled, 0 AS no_show, 0::numeric AS revenue_ars
            FROM dashboard.booking_rows r
            UNION ALL
            SELECT (r.starts_at AT TIME ZONE {Zone})::date, r.city_id, 0, 1,
                   (r.status = 'completed')::int, (r.status = 'cancelled')::int, (r.status = 'no_show')::int,
                   CASE WHEN r.status = 'completed' THEN r.price_ars ELSE 0 END
            FROM dashboard.booking_rows r
        ) x
        GROUP BY day, city_id;
        INSERT INTO dashboard.booking_hourly (day, hour, starting)
        SELECT (r.starts_at AT TIME ZONE {Zone})::date, extract(hour FROM r.starts_at AT TIME ZONE {Zone})::smallint, count(*)
        FROM dashboard.booking_rows r GROUP BY 1, 2;
        INSERT INTO dashboard.booking_customer_months (month, customer_id, bookings)
        SELECT date_trunc('month', r.created_at AT TIME ZONE {Zone})::date, r.customer_id, count(*)
        FROM dashboard.booking_rows r GROUP BY 1, 2;
        INSERT INTO dashboard.booking_monthly_active (month, users)
        SELECT month, count(*) FROM dashboard.booking_customer_months GROUP BY month;
        """);

    internal static readonly Source Payments = new(
        "payments",
        "booking.payments",
        "dashboard.payment_rows",
        "dashboard.payment_rows, dashboard.booking_payment_daily",
        "id, status, created_at, updated_at",
        """
        CREATE TEMP TABLE IF NOT EXISTS payments_incoming (LIKE dashboard.payment_rows) ON COMMIT DELETE ROWS;
        CREATE TEMP TABLE IF NOT EXISTS payments_gone (id bigint) ON COMMIT DELETE ROWS;
        """,
        $"""
        INSERT INTO dashboard.booking_payment_daily AS p (day, status, payments)
        SELECT (d.created_at AT TIME ZONE {Zone})::date, d.status, sum(d.sign)
        FROM (
            SELECT o.status, o.created_at, -1 AS sign
            FROM dashboard.payment_rows o JOIN payments_gone g ON g.id = o.id
            UNION ALL
            SELECT o.status, o.created_at, -1
            FROM dashboard.payment_rows o JOIN payments_incoming i ON i.id = o.id
            WHERE (i.status, i.created_at) IS DISTINCT FROM (o.status, o.created_at)
            UNION ALL
            SELECT i.status, i.created_at, 1
            FROM payments_incoming i LEFT JOIN dashboard.payment_rows o ON o.id = i.id
            WHERE o.id IS NULL OR (i.status, i.created_at) IS DISTINCT FROM (o.status, o.created_at)
        ) d
        GROUP BY 1, 2 HAVING sum(d.sign) <> 0
        ON CONFLICT (day, status) DO UPDATE SET payments = p.payments + EXCLUDED.payments;

        INSERT INTO dashboard.payment_rows AS r (id, status, created_at, updated_at)
        SELECT id, status, created_at, updated_at FROM payments_incoming
        ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, created_at = EXCLUDED.created_at, updated_at = EXCLUDED.updated_at
        WHERE (r.status, r.created_at, r.updated_at) IS DISTINCT FROM (EXCLUDED.status, EXCLUDED.created_at, EXCLUDED.updated_at);
        DELETE FROM dashboard.payment_rows r USING payments_gone g WHERE r.id = g.id;
        """,
        $"""
        INSERT INTO dashboard.booking_payment_daily (day, status, payments)
        SELECT (r.created_at AT TIME ZONE {Zone})::date, r.status, count(*) FROM dashboard.payment_rows r GROUP BY 1, 2;
        """);

    /// <summary>
    /// One refresh: cities, then every change past the watermark (less the margin) of both tables, then one sweep slice
    /// of each once caught up. <paramref name="dashboard"/> is the maintainer's connection to the dashboard database.
    /// </summary>
    public async Task<BookingRefreshResult> RefreshOnceAsync(NpgsqlConnection dashboard, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dashboard);
        await using var booking = await bookings.OpenAsync(cancellationToken);
        await SyncCitiesAsync(booking, dashboard, cancellationToken);
        var bookingsRead = await CatchUpAsync(Bookings, booking, dashboard, cancellationToken);
        var paymentsRead = await CatchUpAsync(Payments, booking, dashboard, cancellationToken);

        var wasCaughtUp = await ScalarAsync(dashboard, "SELECT bool_and(caught_up_at IS NOT NULL) FROM dashboard.booking_sync_state", cancellationToken) is true;
        long bookingsRepaired = 0, paymentsRepaired = 0;
        if (wasCaughtUp)
        {
            bookingsRepaired = await SweepAsync(Bookings, booking, dashboard, cancellationToken);
            paymentsRepaired = await SweepAsync(Payments, booking, dashboard, cancellationToken);
        }

        await using (var done = new NpgsqlCommand(
            "UPDATE dashboard.booking_sync_state SET caught_up_at = coalesce(caught_up_at, @now), refreshed_at = @now", dashboard))
        {
            done.Parameters.AddWithValue("now", time.GetUtcNow());
            await done.ExecuteNonQueryAsync(cancellationToken);
        }
        return new BookingRefreshResult(bookingsRead, paymentsRead, bookingsRepaired, paymentsRepaired, wasCaughtUp);
    }

    private static async Task SyncCitiesAsync(NpgsqlConnection booking, NpgsqlConnection dashboard, CancellationToken cancellationToken)
    {
        var ids = new List<short>();
        var names = new List<string>();
        await using (var read = new NpgsqlCommand("SELECT id, name FROM booking.cities", booking))
        await using (var reader = await read.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                ids.Add(reader.GetInt16(0));
                names.Add(reader.GetString(1));
            }
        }
        await using var write = new NpgsqlCommand("""
            INSERT INTO dashboard.booking_cities AS c (id, name) SELECT * FROM unnest(@ids, @names)
            ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name WHERE c.name IS DISTINCT FROM EXCLUDED.name;
            DELETE FROM dashboard.booking_cities WHERE id <> ALL (@ids);
            """, dashboard);
        write.Parameters.Add(new NpgsqlParameter<short[]>("ids", NpgsqlDbType.Array | NpgsqlDbType.Smallint) { TypedValue = [.. ids] });
        write.Parameters.Add(new NpgsqlParameter<string[]>("names", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = [.. names] });
        await write.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<long> CatchUpAsync(Source source, NpgsqlConnection booking, NpgsqlConnection dashboard, CancellationToken cancellationToken)
    {
        DateTime cursorAt;
        long cursorId;
        await using (var state = new NpgsqlCommand("SELECT watermark_at, watermark_id FROM dashboard.booking_sync_state WHERE source = @s", dashboard))
        {
            state.Parameters.AddWithValue("s", source.Name);
            await using var reader = await state.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            if (reader.IsDBNull(0))
            {
                await reader.DisposeAsync();
                return await BuildAsync(source, booking, dashboard, cancellationToken);
            }
            (cursorAt, cursorId) = (reader.GetDateTime(0), reader.IsDBNull(1) ? long.MinValue : reader.GetInt64(1));
        }

        // Rows committed behind the watermark (their transaction started before rows already read): the margin behind
        // it is compared by (id, updated_at) only, and what the mirror lacks is read in full.
        var total = await LateRowsAsync(source, booking, dashboard, cursorAt, cursorId, cancellationToken);

        // Everything past the watermark, a page at a time.
        while (true)
        {
            var (rows, lastAt, lastId) = await ApplyAsync(source,
                $"SELECT {source.Columns} FROM {source.BookingTable} WHERE (updated_at, id) > ({Literal(cursorAt)}, {cursorId}) ORDER BY updated_at, id LIMIT {options.PageSize}",
                [], booking, dashboard, cancellationToken);
            total += rows;
            if (rows < options.PageSize)
            {
                return total;
            }
            (cursorAt, cursorId) = (lastAt, lastId);
        }
    }

    private async Task<long> LateRowsAsync(Source source, NpgsqlConnection booking, NpgsqlConnection dashboard, DateTime watermarkAt,
        long watermarkId, CancellationToken cancellationToken)
    {
        if (options.WatermarkMargin <= TimeSpan.Zero)
        {
            return 0;
        }
        var ids = new List<long>();
        var versions = new List<DateTime>();
        await using (var window = new NpgsqlCommand(
            $"SELECT id, updated_at FROM {source.BookingTable} WHERE updated_at > @from AND (updated_at, id) <= (@at, @id)", booking))
        {
            window.Parameters.Add(new NpgsqlParameter<DateTime>("from", NpgsqlDbType.TimestampTz) { TypedValue = watermarkAt - options.WatermarkMargin });
            window.Parameters.Add(new NpgsqlParameter<DateTime>("at", NpgsqlDbType.TimestampTz) { TypedValue = watermarkAt });
            window.Parameters.AddWithValue("id", watermarkId);
            await using var reader = await window.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                ids.Add(reader.GetInt64(0));
                versions.Add(reader.GetDateTime(1));
            }
        }
        if (ids.Count == 0)
        {
            return 0;
        }
        var missing = new List<long>();
        await using (var compare = new NpgsqlCommand($"""
            SELECT b.id FROM unnest(@ids, @ats) AS b (id, at) LEFT JOIN {source.MirrorTable} m ON m.id = b.id
            WHERE m.id IS NULL OR m.updated_at <> b.at
            """, dashboard))
        {
            compare.Parameters.AddWithValue("ids", ids.ToArray());
            compare.Parameters.Add(new NpgsqlParameter<DateTime[]>("ats", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { TypedValue = [.. versions] });
            await using var reader = await compare.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                missing.Add(reader.GetInt64(0));
            }
        }
        if (missing.Count == 0)
        {
            return 0;
        }
        var (rows, _, _) = await ApplyAsync(source, $"SELECT {source.Columns} FROM {source.BookingTable} WHERE id = ANY ({Literal(missing)})",
            [], booking, dashboard, cancellationToken);
        return rows;
    }

    /// <summary>
    /// The first catch-up (no watermark yet): every row by ranges of primary key (close to the tables' physical order,
    /// unlike updated_at's) straight into the mirror, then the aggregates with one GROUP BY each, all in one transaction of the
    /// dashboard database, so an interrupted build leaves nothing behind. The watermark becomes the booking database's
    /// clock when the build started: whatever changed during it is read again by the next refresh.
    /// </summary>
    private async Task<long> BuildAsync(Source source, NpgsqlConnection booking, NpgsqlConnection dashboard, CancellationToken cancellationToken)
    {
        DateTime started;
        await using (var now = new NpgsqlCommand("SELECT now()", booking))
        {
            started = (DateTime)(await now.ExecuteScalarAsync(cancellationToken))!;
        }
        await using var transaction = await dashboard.BeginTransactionAsync(cancellationToken);
        await using (var empty = new NpgsqlCommand($"TRUNCATE {source.OwnTables}", dashboard, transaction))
        {
            await empty.ExecuteNonQueryAsync(cancellationToken);
        }
        // Pages of PageSize ids copied byte for byte (binary COPY out of the booking database into the mirror, whose
        // columns have the same types): no value is decoded on the way.
        var (max, min) = await BoundsAsync(booking, source.BookingTable, cancellationToken);
        for (var lo = min ?? 0; max is { } last && lo <= last; lo += options.PageSize)
        {
            await using var output = await booking.BeginRawBinaryCopyAsync(
                $"COPY (SELECT {source.Columns} FROM {source.BookingTable} WHERE id >= {lo} AND id < {lo + options.PageSize}) TO STDOUT (FORMAT BINARY)",
                cancellationToken);
            await using var input = await dashboard.BeginRawBinaryCopyAsync(
                $"COPY {source.MirrorTable} ({source.Columns}) FROM STDIN (FORMAT BINARY)", cancellationToken);
            await output.CopyToAsync(input, cancellationToken);
        }
        long total;
        await using (var count = new NpgsqlCommand($"SELECT count(*) FROM {source.MirrorTable}", dashboard, transaction))
        {
            total = (long)(await count.ExecuteScalarAsync(cancellationToken))!;
        }
        await using (var build = new NpgsqlCommand(source.Build, dashboard, transaction) { CommandTimeout = 0 })
        {
            await build.ExecuteNonQueryAsync(cancellationToken);
        }
        await using (var watermark = new NpgsqlCommand(
            "UPDATE dashboard.booking_sync_state SET watermark_at = @at, watermark_id = @id WHERE source = @s", dashboard, transaction))
        {
            watermark.Parameters.Add(new NpgsqlParameter<DateTime>("at", NpgsqlDbType.TimestampTz) { TypedValue = started });
            watermark.Parameters.AddWithValue("id", long.MinValue);
            watermark.Parameters.AddWithValue("s", source.Name);
            await watermark.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return total;
    }

    /// <summary>
    /// Copies the rows of <paramref name="select"/> (columns as <see cref="Source.Columns"/>) byte for byte into the
    /// dashboard's temp table (binary COPY out and in, nothing decoded here) and applies them with the ids in
    /// <paramref name="gone"/>, in one transaction that also moves the watermark forward (never back). Returns the rows
    /// read and the last (updated_at, id).
    /// </summary>
    private static async Task<(int Rows, DateTime LastAt, long LastId)> ApplyAsync(Source source, string select, long[] gone,
        NpgsqlConnection booking, NpgsqlConnection dashboard, CancellationToken cancellationToken)
    {
        await using (var prepare = new NpgsqlCommand(source.Prepare, dashboard))
        {
            await prepare.ExecuteNonQueryAsync(cancellationToken);
        }
        await using var transaction = await dashboard.BeginTransactionAsync(cancellationToken);
        await using (var output = await booking.BeginRawBinaryCopyAsync($"COPY ({select}) TO STDOUT (FORMAT BINARY)", cancellationToken))
        await using (var input = await dashboard.BeginRawBinaryCopyAsync(
            $"COPY {source.Name}_incoming ({source.Columns}) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            await output.CopyToAsync(input, cancellationToken);
        }
        var rows = 0;
        DateTime lastAt = default;
        long lastId = 0;
        await using (var last = new NpgsqlCommand($"""
            SELECT (SELECT count(*) FROM {source.Name}_incoming)::integer, l.updated_at, l.id
            FROM (SELECT 1) one LEFT JOIN LATERAL (
                SELECT updated_at, id FROM {source.Name}_incoming ORDER BY updated_at DESC, id DESC LIMIT 1) l ON true
            """, dashboard, transaction))
        await using (var reader = await last.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            rows = reader.GetInt32(0);
            if (rows > 0)
            {
                (lastAt, lastId) = (reader.GetDateTime(1), reader.GetInt64(2));
            }
        }
        if (gone.Length > 0)
        {
            await using var copyGone = new NpgsqlCommand($"INSERT INTO {source.Name}_gone (id) SELECT unnest(@ids)", dashboard, transaction);
            copyGone.Parameters.AddWithValue("ids", gone);
            await copyGone.ExecuteNonQueryAsync(cancellationToken);
        }
        if (rows == 0 && gone.Length == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            return (0, lastAt, lastId);
        }
        if (rows > 1_000)
        {
            await using var analyze = new NpgsqlCommand($"ANALYZE {source.Name}_incoming", dashboard, transaction);
            await analyze.ExecuteNonQueryAsync(cancellationToken);
        }
        // Few changed rows against a mirror of millions: look each up by primary key rather than scan the mirror.
        await using (var plan = new NpgsqlCommand("SET LOCAL enable_hashjoin = off; SET LOCAL enable_mergejoin = off", dashboard, transaction))
        {
            await plan.ExecuteNonQueryAsync(cancellationToken);
        }
        await using (var apply = new NpgsqlCommand(source.Apply, dashboard, transaction) { CommandTimeout = 0 })
        {
            await apply.ExecuteNonQueryAsync(cancellationToken);
        }
        await using (var watermark = new NpgsqlCommand($"""
            UPDATE dashboard.booking_sync_state s SET watermark_at = w.at, watermark_id = w.id
            FROM (SELECT updated_at AS at, id FROM {source.Name}_incoming ORDER BY updated_at DESC, id DESC LIMIT 1) w
            WHERE s.source = @s AND (s.watermark_at IS NULL OR (s.watermark_at, s.watermark_id) < (w.at, w.id))
            """, dashboard, transaction))
        {
            watermark.Parameters.AddWithValue("s", source.Name);
            await watermark.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return (rows, lastAt, lastId);
    }

    // Per range of SweepChunk ids from @lo: the number of rows and a checksum of (id, updated_at), the same expression on
    // both databases.
    private static string ChecksumSql(string table) => $"""
        SELECT (id - @lo) / {SweepChunk} AS chunk, count(*),
               sum(hashint8(id) # hashint8((extract(epoch FROM updated_at) * 1000000)::bigint))::bigint
        FROM {table} WHERE id >= @lo AND id < @hi GROUP BY 1
        """;

    /// <summary>Compares one slice of ids of <paramref name="source"/> in both databases and repairs what differs.</summary>
    private async Task<long> SweepAsync(Source source, NpgsqlConnection booking, NpgsqlConnection dashboard, CancellationToken cancellationToken)
    {
        long lo;
        await using (var state = new NpgsqlCommand("SELECT sweep_next_id FROM dashboard.booking_sync_state WHERE source = @s", dashboard))
        {
            state.Parameters.AddWithValue("s", source.Name);
            lo = (long)(await state.ExecuteScalarAsync(cancellationToken))!;
        }
        var hi = lo + options.SweepIds;
        var theirs = await ChecksumsAsync(booking, source.BookingTable, lo, hi, cancellationToken);
        var ours = await ChecksumsAsync(dashboard, source.MirrorTable, lo, hi, cancellationToken);
        long repaired = 0;
        foreach (var chunk in theirs.Keys.Union(ours.Keys).Order())
        {
            if (theirs.TryGetValue(chunk, out var t) && ours.TryGetValue(chunk, out var o) && t == o)
            {
                continue;
            }
            var from = lo + (chunk * SweepChunk);
            var to = from + SweepChunk;
            var bookingSide = await VersionsAsync(booking, source.BookingTable, from, to, cancellationToken);
            var mirrorSide = await VersionsAsync(dashboard, source.MirrorTable, from, to, cancellationToken);
            var gone = mirrorSide.Keys.Where(id => !bookingSide.ContainsKey(id)).ToArray();
            var stale = bookingSide.Where(b => !mirrorSide.TryGetValue(b.Key, out var at) || at != b.Value).Select(b => b.Key).ToArray();
            await ApplyAsync(source, $"SELECT {source.Columns} FROM {source.BookingTable} WHERE id = ANY ({Literal(stale)})",
                gone, booking, dashboard, cancellationToken);
            repaired += gone.Length + stale.Length;
        }

        // Next slice; after the highest id of either side, back to the lowest.
        long next = hi;
        var (maxTheirs, minTheirs) = await BoundsAsync(booking, source.BookingTable, cancellationToken);
        var (maxOurs, minOurs) = await BoundsAsync(dashboard, source.MirrorTable, cancellationToken);
        if (hi > Math.Max(maxTheirs ?? long.MinValue, maxOurs ?? long.MinValue))
        {
            next = (minTheirs, minOurs) switch
            {
                ({ } a, { } b) => Math.Min(a, b),
                _ => minTheirs ?? minOurs ?? 0,
            };
        }
        await using (var save = new NpgsqlCommand("UPDATE dashboard.booking_sync_state SET sweep_next_id = @n WHERE source = @s", dashboard))
        {
            save.Parameters.AddWithValue("n", next);
            save.Parameters.AddWithValue("s", source.Name);
            await save.ExecuteNonQueryAsync(cancellationToken);
        }
        return repaired;
    }

    private static async Task<Dictionary<long, (long Count, long Sum)>> ChecksumsAsync(NpgsqlConnection connection, string table, long lo, long hi,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(ChecksumSql(table), connection);
        command.Parameters.AddWithValue("lo", lo);
        command.Parameters.AddWithValue("hi", hi);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var result = new Dictionary<long, (long, long)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            result[reader.GetInt64(0)] = (reader.GetInt64(1), reader.GetInt64(2));
        }
        return result;
    }

    private static async Task<Dictionary<long, DateTime>> VersionsAsync(NpgsqlConnection connection, string table, long from, long to,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT id, updated_at FROM {table} WHERE id >= @from AND id < @to", connection);
        command.Parameters.AddWithValue("from", from);
        command.Parameters.AddWithValue("to", to);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var result = new Dictionary<long, DateTime>();
        while (await reader.ReadAsync(cancellationToken))
        {
            result[reader.GetInt64(0)] = reader.GetDateTime(1);
        }
        return result;
    }

    private static async Task<(long? Max, long? Min)> BoundsAsync(NpgsqlConnection connection, string table, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT max(id), min(id) FROM {table}", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.IsDBNull(0) ? null : reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetInt64(1));
    }

    // COPY takes no parameters: values built from our own numbers and clock only, in invariant formats.
    private static string Literal(DateTime at) =>
        "'" + at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss.ffffff", System.Globalization.CultureInfo.InvariantCulture) + "+00'::timestamptz";

    private static string Literal(IEnumerable<long> ids) =>
        "'{" + string.Join(",", ids.Select(id => id.ToString(System.Globalization.CultureInfo.InvariantCulture))) + "}'::bigint[]";

    private static async Task<object?> ScalarAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync(cancellationToken);
    }
}
