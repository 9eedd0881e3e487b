using System.Reflection;
using Npgsql;
using NpgsqlTypes;

namespace BarberPro.Simulator.Bookings;

public sealed record SeedResult(long Bookings, long Payments, long Customers, int Shops, int Providers);

/// <summary>
/// Creates the booking schema (db/booking/*.sql, idempotent) and fills it with a believable marketplace:
/// four cities (Buenos Aires about 58 %), shops, barbers, customers and bookings over the last N days
/// following the Argentine hour-of-day and weekday curve, about 96.7 % of past bookings completed and
/// 99.8 % of payments of completed bookings succeeded, 2026 prices in ARS.
/// Running it again empties the tables and fills them anew (truncate and refill), so the result depends only
/// on the arguments, the seed and the current time. Rows go in through binary COPY, never row by row; the
/// two largest tables are loaded at once over two connections, without their (updated_at, id) indexes, which are built
/// once the rows are in (faster than maintaining them row by row). updated_at is the time of a row's last change
/// (completion, cancellation, payment), as the booking service would have set it.
/// </summary>
public sealed class BookingSeeder(TimeProvider timeProvider, int seed = 7)
{
    private const int FutureDays = 7;
    private static readonly TimeSpan s_argentinaOffset = TimeSpan.FromHours(-3);

    public async Task<SeedResult> SeedAsync(string connectionString, int bookings, int days, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bookings);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(days);

        var random = new Random(seed);
        var now = timeProvider.GetUtcNow().UtcDateTime;
        var shopCount = Math.Clamp(bookings / 2_500, 40, 4_000);
        var customerCount = Math.Clamp(bookings / 8, 500, 2_000_000);

        var dataSource = new NpgsqlDataSourceBuilder(connectionString).Build();
        await using (dataSource.ConfigureAwait(false))
        {
            await PrepareAsync(dataSource, cancellationToken).ConfigureAwait(false);

            var world = await WriteReferenceDataAsync(dataSource, random, now, days, shopCount, customerCount, cancellationToken).ConfigureAwait(false);
            var payments = await WriteBookingsAsync(dataSource, world, random, now, bookings, days, cancellationToken).ConfigureAwait(false);

            await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false))
            {
                // The schema again: it builds the indexes dropped for the load.
                foreach (var (_, sql) in SchemaScripts())
                {
                    await ExecuteAsync(connection, sql, cancellationToken).ConfigureAwait(false);
                }
                await ExecuteAsync(connection, "ANALYZE booking.cities, booking.shops, booking.providers, booking.customers, booking.services, booking.bookings, booking.payments", cancellationToken).ConfigureAwait(false);
            }

            return new SeedResult(bookings, payments, customerCount, shopCount, world.ProviderCount);
        }
    }

    /// <summary>The schema scripts embedded from db/booking, in file name order.</summary>
    public static IReadOnlyList<(string Name, string Sql)> SchemaScripts()
    {
        var assembly = typeof(BookingSeeder).Assembly;
        const string Prefix = "BarberPro.Simulator.Bookings.Schema.";
        return [.. assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n => (n[Prefix.Length..], Read(assembly, n)))];
    }

    private static string Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static async Task PrepareAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        foreach (var (_, sql) in SchemaScripts())
        {
            await ExecuteAsync(connection, sql, cancellationToken).ConfigureAwait(false);
        }

        await ExecuteAsync(connection, "TRUNCATE booking.payments, booking.bookings, booking.customers, booking.providers, booking.shops, booking.services, booking.cities", cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, "DROP INDEX IF EXISTS booking.bookings_updated_at, booking.payments_updated_at", cancellationToken).ConfigureAwait(false);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The generated rows are consistent by construction, so the bulk connections skip the per-row foreign
    /// key triggers (session_replication_role = replica) when allowed (superuser); otherwise PostgreSQL checks them.
    /// </summary>
    private static async Task<NpgsqlConnection> OpenBulkConnectionAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, "SET synchronous_commit = off", cancellationToken).ConfigureAwait(false);
        try
        {
            await ExecuteAsync(connection, "SET session_replication_role = replica", cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege)
        {
            // Not a superuser: keep the checks, only slower.
        }

        return connection;
    }

    private static async Task<World> WriteReferenceDataAsync(NpgsqlDataSource dataSource, Random random, DateTime now, int days, int shopCount, int customerCount, CancellationToken cancellationToken)
    {
        var connection = await OpenBulkConnectionAsync(dataSource, cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var cityWeights = Cumulative(BookingCatalog.Cities.Select(c => c.Share));

            await using (var cities = await connection.BeginBinaryImportAsync("COPY booking.cities (id, name, province) FROM STDIN (FORMAT BINARY)", cancellationToken).ConfigureAwait(false))
            {
                foreach (var city in BookingCatalog.Cities)
                {
                    await cities.StartRowAsync(cancellationToken).ConfigureAwait(false);
                    cities.Write(city.Id, NpgsqlDbType.Smallint);
                    cities.Write(city.Name, NpgsqlDbType.Text);
                    cities.Write(city.Province, NpgsqlDbType.Text);
                }

                await cities.CompleteAsync(cancellationToken).ConfigureAwait(false);
            }

            await using (var services = await connection.BeginBinaryImportAsync("COPY booking.services (id, name, duration_minutes, base_price_ars) FROM STDIN (FORMAT BINARY)", cancellationToken).ConfigureAwait(false))
            {
                foreach (var service in BookingCatalog.Services)
                {
                    await services.StartRowAsync(cancellationToken).ConfigureAwait(false);
                    services.Write(service.Id, NpgsqlDbType.Smallint);
                    services.Write(service.Name, NpgsqlDbType.Text);
                    services.Write(service.Minutes, NpgsqlDbType.Smallint);
                    services.Write(service.PriceArs, NpgsqlDbType.Numeric);
                }

                await services.CompleteAsync(cancellationToken).ConfigureAwait(false);
            }

            var shopCity = new short[shopCount + 1];
            var shopPriceFactor = new double[shopCount + 1];
            var shopFirstProvider = new int[shopCount + 1];
            var shopProviderCount = new int[shopCount + 1];
            var providerCount = 0;
            await using (var shops = await connection.BeginBinaryImportAsync("COPY booking.shops (id, city_id, name, address, opened_at) FROM STDIN (FORMAT BINARY)", cancellationToken).ConfigureAwait(false))
            {
                for (var id = 1; id <= shopCount; id++)
                {
                    var city = BookingCatalog.Cities[Pick(cityWeights, random)];
                    shopCity[id] = city.Id;
                    shopPriceFactor[id] = city.PriceLevel * (0.9 + (random.NextDouble() * 0.25));
                    shopFirstProvider[id] = providerCount + 1;
                    shopProviderCount[id] = 2 + random.Next(4);
                    providerCount += shopProviderCount[id];
                    await shops.StartRowAsync(cancellationToken).ConfigureAwait(false);
                    shops.Write((int)id, NpgsqlDbType.Integer);
                    shops.Write(city.Id, NpgsqlDbType.Smallint);
                    shops.Write($"{Any(BookingCatalog.ShopPrefixes, random)} {Any(BookingCatalog.ShopNames, random)} {id}", NpgsqlDbType.Text);
                    shops.Write($"{Any(BookingCatalog.Streets, random)} {100 + random.Next(4900)}, {city.Name}", NpgsqlDbType.Text);
                    shops.Write(now.AddDays(-(days + 30 + random.Next(2500))), NpgsqlDbType.TimestampTz);
                }

                await shops.CompleteAsync(cancellationToken).ConfigureAwait(false);
            }

            await using (var providers = await connection.BeginBinaryImportAsync("COPY booking.providers (id, shop_id, full_name, joined_at) FROM STDIN (FORMAT BINARY)", cancellationToken).ConfigureAwait(false))
            {
                for (var shop = 1; shop <= shopCount; shop++)
                {
                    for (var k = 0; k < shopProviderCount[shop]; k++)
                    {
                        await providers.StartRowAsync(cancellationToken).ConfigureAwait(false);
                        providers.Write(shopFirstProvider[shop] + k, NpgsqlDbType.Integer);
                        providers.Write(shop, NpgsqlDbType.Integer);
                        providers.Write($"{Any(BookingCatalog.FirstNames, random)} {Any(BookingCatalog.LastNames, random)}", NpgsqlDbType.Text);
                        providers.Write(now.AddDays(-(days + random.Next(2000))), NpgsqlDbType.TimestampTz);
                    }
                }

                await providers.CompleteAsync(cancellationToken).ConfigureAwait(false);
            }

            var customersByCity = BookingCatalog.Cities.Select(_ => new List<long>()).ToArray();
            await using (var customers = await connection.BeginBinaryImportAsync("COPY booking.customers (id, city_id, full_name, email, created_at) FROM STDIN (FORMAT BINARY)", cancellationToken).ConfigureAwait(false))
            {
                for (long id = 1; id <= customerCount; id++)
                {
                    var cityIndex = Pick(cityWeights, random);
                    customersByCity[cityIndex].Add(id);
                    var first = Any(BookingCatalog.FirstNames, random);
                    var last = Any(BookingCatalog.LastNames, random);
                    await customers.StartRowAsync(cancellationToken).ConfigureAwait(false);
                    customers.Write(id, NpgsqlDbType.Bigint);
                    customers.Write(BookingCatalog.Cities[cityIndex].Id, NpgsqlDbType.Smallint);
                    customers.Write($"{first} {last}", NpgsqlDbType.Text);
                    customers.Write($"cliente{id}@example.com.ar", NpgsqlDbType.Text);
                    customers.Write(now.AddMinutes(-random.Next(60 * 24 * (days + 730))), NpgsqlDbType.TimestampTz);
                }

                await customers.CompleteAsync(cancellationToken).ConfigureAwait(false);
            }

            var shopsByCity = BookingCatalog.Cities
                .Select(c => Enumerable.Range(1, shopCount).Where(s => shopCity[s] == c.Id).ToArray())
                .ToArray();
            return new World(cityWeights, shopsByCity, shopPriceFactor, shopFirstProvider, shopProviderCount, providerCount, [.. customersByCity.Select(l => l.ToArray())]);
        }
    }

    private async Task<long> WriteBookingsAsync(NpgsqlDataSource dataSource, World world, Random random, DateTime now, int bookings, int days, CancellationToken cancellationToken)
    {
        // Days from `days` ago to a week ahead, weighted by weekday and by growth (the platform grew
        // about a third over the period); hours by the Argentine appointment curve.
        var todayArt = (now + s_argentinaOffset).Date;
        var dayStarts = new DateTime[days + FutureDays];
        var dayWeights = new double[days + FutureDays];
        for (var d = 0; d < dayStarts.Length; d++)
        {
            var localDay = todayArt.AddDays(d - days + 1);
            dayStarts[d] = DateTime.SpecifyKind(localDay - s_argentinaOffset, DateTimeKind.Utc);
            var growth = 0.75 + (0.25 * d / Math.Max(1, days - 1));
            var booked = d < days ? 1 : Math.Pow(0.55, d - days + 1);
            dayWeights[d] = BookingCatalog.WeekdayWeights[(int)localDay.DayOfWeek] * growth * booked;
        }

        var dayCumulative = Cumulative(dayWeights);
        var hourCumulative = Cumulative(BookingCatalog.HourWeights);
        var serviceCumulative = Cumulative(BookingCatalog.Services.Select(s => s.Share));

        var bookingConnection = await OpenBulkConnectionAsync(dataSource, cancellationToken).ConfigureAwait(false);
        await using var _ = bookingConnection.ConfigureAwait(false);
        var paymentConnection = await OpenBulkConnectionAsync(dataSource, cancellationToken).ConfigureAwait(false);
        await using var __ = paymentConnection.ConfigureAwait(false);
        var bookingWriter = await bookingConnection.BeginBinaryImportAsync(
            "COPY booking.bookings (id, city_id, shop_id, provider_id, customer_id, service_id, status, created_at, starts_at, completed_at, price_ars, updated_at) FROM STDIN (FORMAT BINARY)",
            cancellationToken).ConfigureAwait(false);
        await using var ___ = bookingWriter.ConfigureAwait(false);
        var paymentWriter = await paymentConnection.BeginBinaryImportAsync(
            "COPY booking.payments (id, booking_id, status, amount_ars, method, created_at, updated_at) FROM STDIN (FORMAT BINARY)",
            cancellationToken).ConfigureAwait(false);
        await using var ____ = paymentWriter.ConfigureAwait(false);

        long paymentId = 0;
        for (long id = 1; id <= bookings; id++)
        {
            if ((id & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var cityIndex = Pick(world.CityWeights, random);
            var cityShops = world.ShopsByCity[cityIndex];
            var shop = cityShops[random.Next(cityShops.Length)];
            var provider = world.ShopFirstProvider[shop] + random.Next(world.ShopProviderCount[shop]);
            var cityCustomers = world.CustomersByCity[cityIndex];

            // Regulars: a skewed pick makes some customers book every few weeks and most only now and then.
            var customer = cityCustomers[(int)(cityCustomers.Length * Math.Pow(random.NextDouble(), 1.6))];
            var serviceIndex = Pick(serviceCumulative, random);
            var service = BookingCatalog.Services[serviceIndex];

            var day = Pick(dayCumulative, random);
            var startsAt = dayStarts[day].AddHours(Pick(hourCumulative, random)).AddMinutes(15 * random.Next(4));
            var lead = random.NextDouble() < 0.55
                ? TimeSpan.FromMinutes(20 + random.Next(8 * 60))
                : TimeSpan.FromHours(24 + random.Next(24 * 10));
            var createdAt = startsAt - lead;
            if (createdAt > now)
            {
                createdAt = now.AddMinutes(-random.Next(1, 120));
            }

            // Prices follow ~1.5 % monthly inflation back from today's list prices, rounded to 500 ARS.
            var monthsAgo = Math.Max(0, (now - startsAt).TotalDays / 30.4);
            var price = Math.Round((decimal)((double)service.PriceArs * world.ShopPriceFactor[shop] * Math.Pow(1.015, -monthsAgo)) / 500m, MidpointRounding.AwayFromZero) * 500m;

            string status;
            DateTime? completedAt = null;
            var outcome = random.NextDouble();
            if (startsAt > now)
            {
                status = outcome < 0.02 ? "cancelled" : outcome < 0.35 ? "pending" : "confirmed";
            }
            else if (outcome < 0.967)
            {
                status = "completed";
                completedAt = startsAt.AddMinutes(service.Minutes + random.Next(-5, 15));
            }
            else
            {
                status = outcome < 0.990 ? "cancelled" : "no_show";
            }

            await bookingWriter.StartRowAsync(cancellationToken).ConfigureAwait(false);
            bookingWriter.Write(id, NpgsqlDbType.Bigint);
            bookingWriter.Write(BookingCatalog.Cities[cityIndex].Id, NpgsqlDbType.Smallint);
            bookingWriter.Write(shop, NpgsqlDbType.Integer);
            bookingWriter.Write(provider, NpgsqlDbType.Integer);
            bookingWriter.Write(customer, NpgsqlDbType.Bigint);
            bookingWriter.Write(service.Id, NpgsqlDbType.Smallint);
            bookingWriter.Write(status, NpgsqlDbType.Text);
            bookingWriter.Write(createdAt, NpgsqlDbType.TimestampTz);
            bookingWriter.Write(startsAt, NpgsqlDbType.TimestampTz);
            if (completedAt is { } completed)
            {
                bookingWriter.Write(completed, NpgsqlDbType.TimestampTz);
            }
            else
            {
                bookingWriter.WriteNull();
            }

            bookingWriter.Write(price, NpgsqlDbType.Numeric);
            var updatedAt = status switch
            {
                "completed" => completedAt!.Value,
                "cancelled" or "no_show" when startsAt <= now => startsAt,
                _ => createdAt,
            };
            bookingWriter.Write(updatedAt > now ? now : updatedAt, NpgsqlDbType.TimestampTz);

            // Completed bookings are paid after the appointment (99.8 % succeed); some cancelled ones had
            // been prepaid and were refunded; some confirmed future ones are prepaid and still pending.
            (string Status, DateTime At)? payment = status switch
            {
                "completed" => (random.NextDouble() < 0.998 ? "succeeded" : "failed", completedAt!.Value.AddMinutes(random.Next(0, 6))),
                "cancelled" when random.NextDouble() < 0.25 => ("refunded", createdAt.AddMinutes(random.Next(1, 60))),
                "confirmed" when random.NextDouble() < 0.3 => ("pending", createdAt.AddMinutes(random.Next(1, 10))),
                _ => null,
            };
            if (payment is { } p)
            {
                var method = random.NextDouble();
                await paymentWriter.StartRowAsync(cancellationToken).ConfigureAwait(false);
                paymentWriter.Write(++paymentId, NpgsqlDbType.Bigint);
                paymentWriter.Write(id, NpgsqlDbType.Bigint);
                paymentWriter.Write(p.Status, NpgsqlDbType.Text);
                paymentWriter.Write(price, NpgsqlDbType.Numeric);
                paymentWriter.Write(method < 0.55 ? "card" : method < 0.92 ? "mercadopago" : "cash", NpgsqlDbType.Text);
                paymentWriter.Write(p.At > now ? now : p.At, NpgsqlDbType.TimestampTz);
                paymentWriter.Write(p.At > now ? now : p.At, NpgsqlDbType.TimestampTz);
            }
        }

        await Task.WhenAll(
            bookingWriter.CompleteAsync(cancellationToken).AsTask(),
            paymentWriter.CompleteAsync(cancellationToken).AsTask()).ConfigureAwait(false);
        return paymentId;
    }

    private static double[] Cumulative(IEnumerable<double> weights)
    {
        var array = weights.ToArray();
        var total = array.Sum();
        double running = 0;
        for (var i = 0; i < array.Length; i++)
        {
            running += array[i];
            array[i] = running / total;
        }

        array[^1] = 1;
        return array;
    }

    private static int Pick(double[] cumulative, Random random)
    {
        var index = Array.BinarySearch(cumulative, random.NextDouble());
        index = index < 0 ? ~index : index + 1;
        return Math.Min(index, cumulative.Length - 1);
    }

    private static string Any(string[] values, Random random) => values[random.Next(values.Length)];

    private sealed record World(
        double[] CityWeights,
        int[][] ShopsByCity,
        double[] ShopPriceFactor,
        int[] ShopFirstProvider,
        int[] ShopProviderCount,
        int ProviderCount,
        long[][] CustomersByCity);
}
