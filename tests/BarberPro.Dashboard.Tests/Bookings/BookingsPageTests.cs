using BarberPro.Core.Bookings;
using BarberPro.Core.Live;
using BarberPro.Core.Security;
using BarberPro.Dashboard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace BarberPro.Dashboard.Tests.Bookings;

/// <summary>
/// The dashboard with a booking database: the booking schema of db/booking and two bookings made today, in schema
/// "booking" of the test's own database, read through ConnectionStrings:Bookings. The schema is created once the host
/// runs, in one transaction; the maintainer's next refresh (every second here) brings the aggregates up to date and the poller's next read
/// shows them.
/// </summary>
public sealed class BookingsFactory : DashboardFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["ConnectionStrings:Bookings"] = Database.ConnectionString,
        ["Bookings:Interval"] = "00:00:01",
        ["Bookings:RefreshInterval"] = "00:00:01",
    };

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await using var connection = new NpgsqlConnection(Database.ConnectionString);
        await connection.OpenAsync();
        // One transaction: the poller, already running, must never read the tables empty (a Data panel of 0 bookings).
        await using var transaction = await connection.BeginTransactionAsync();
        var assembly = typeof(BookingKpiQueries).Assembly;
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.Contains(".Bookings.Schema.", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
            await Execute(connection, await reader.ReadToEndAsync());
        }
        await Execute(connection, """
            INSERT INTO booking.cities (id, name, province) VALUES (1, 'Buenos Aires', 'CABA'), (2, 'Rosario', 'Santa Fe');
            INSERT INTO booking.shops (id, city_id, name, address, opened_at) VALUES (1, 1, 's', 'a', now()), (2, 2, 's', 'a', now());
            INSERT INTO booking.providers (id, shop_id, full_name, joined_at) VALUES (1, 1, 'p', now()), (2, 2, 'p', now());
            INSERT INTO booking.customers (id, city_id, full_name, email, created_at) VALUES (1, 1, 'c', 'c@x', now()), (2, 2, 'd', 'd@x', now());
            INSERT INTO booking.services (id, name, duration_minutes, base_price_ars) VALUES (1, 'Corte', 30, 10000);
            INSERT INTO booking.bookings (id, city_id, shop_id, provider_id, customer_id, service_id, status, created_at, starts_at, completed_at, price_ars) VALUES
                (1, 1, 1, 1, 1, 1, 'completed', now(), now() - interval '1 minute', now(), 1234567.89),
                (2, 2, 2, 2, 2, 1, 'confirmed', now(), now() + interval '1 day', NULL, 9000);
            """);
        await transaction.CommitAsync();
    }

    private static async Task Execute(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}

public sealed class BookingsPageTests(BookingsFactory factory) : IClassFixture<BookingsFactory>
{
    private async Task<PanelSnapshot> BookingsPanelAsync()
    {
        var store = factory.Services.GetRequiredService<LiveSnapshotStore>();
        for (var i = 0; i < 100; i++)
        {
            // The first refresh may run between the schema and the rows: wait for the figures of the two bookings.
            if (store.Current.Find(BookingPanelSource.PanelKey) is { Status: PanelStatus.Data } panel && panel.Find("today")?.Display == "2 bookings")
            {
                return panel;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("The bookings panel has not shown the two bookings after 10 s: " + store.Current.Find(BookingPanelSource.PanelKey)?.Error);
    }

    [Fact]
    public async Task Snapshot_WithABookingDatabase_CarriesTheBookingsPanel()
    {
        var panel = await BookingsPanelAsync();

        Assert.Equal(2, panel.Find("today")!.Value);
        Assert.Equal("2 bookings", panel.Find("today")!.Display);
        // The snapshot (and the live API) speak English: numbers the English way, as on every other tile.
        Assert.Equal("$ 1,234,568 ARS", panel.Find("revenueMonth")!.Display);
    }

    [Fact]
    public async Task BookingsPage_Viewer_SeesCitiesAndTheOverviewPanel()
    {
        await BookingsPanelAsync();
        using var viewer = await factory.SignInAsRoleAsync(Roles.Viewer);

        var page = await viewer.Http.GetStringAsync("/bookings");
        var overview = await viewer.Http.GetStringAsync("/");

        Assert.Contains("data-city=\"Buenos Aires\"", page, StringComparison.Ordinal);
        Assert.Contains("$ 1,234,567.89", page, StringComparison.Ordinal);
        Assert.Contains("data-apex-chart=\"bookings-heatmap\"", page, StringComparison.Ordinal);
        Assert.Contains("data-panel=\"bookings\"", overview, StringComparison.Ordinal);
    }
}

public sealed class BookingsNotConfiguredTests(DashboardFactory factory) : IClassFixture<DashboardFactory>
{
    [Fact]
    public async Task BookingsPanel_WithoutAConnectionString_SaysNotConfiguredAndShowsNoFigure()
    {
        var store = factory.Services.GetRequiredService<LiveSnapshotStore>();
        PanelSnapshot? panel = null;
        for (var i = 0; i < 100 && panel is null; i++)
        {
            panel = store.Current.Find(BookingPanelSource.PanelKey);
            await Task.Delay(panel is null ? 100 : 0);
        }
        using var viewer = await factory.SignInAsRoleAsync(Roles.Viewer);
        var page = await viewer.Http.GetStringAsync("/bookings");

        Assert.NotNull(panel);
        Assert.Equal(PanelStatus.Error, panel.Status);
        Assert.Empty(panel.Figures);
        Assert.Contains("not configured", panel.Error, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"bookings-not-configured\"", page, StringComparison.Ordinal);
    }
}
