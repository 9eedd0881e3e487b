using BarberPro.Core.Bookings;
using BarberPro.Core.Live;
using BarberPro.Dashboard.Bookings;
using BarberPro.Dashboard.Charts;
using BarberPro.Dashboard.Localization;
using BarberPro.Dashboard.Tests.Infrastructure;
using BarberPro.Dashboard.Tests.Localization;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MudBlazor.Services;

namespace BarberPro.Dashboard.Tests.Bookings;

/// <summary>
/// A first start: the booking aggregates are still being built. The page says so in the reader's language, from the
/// reader's state (<see cref="BookingFiguresReader.LastRead"/>), not by matching the panel's English error.
/// </summary>
public sealed class BookingsBeingBuiltTests(BookingsBeingBuiltTests.Factory factory) : IClassFixture<BookingsBeingBuiltTests.Factory>, IAsyncDisposable
{
    public sealed class Factory : DashboardFactory
    {
        // The booking connection points at the dashboard's own database, which has no booking tables: the first
        // catch-up never finishes (as in ReportWhileBookingsCatchUpTests).
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["ConnectionStrings:Bookings"] = Database.ConnectionString,
        };
    }

    private readonly BunitContext _context = new();

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();

    [Fact]
    public async Task InSpanish_TheFiguresBeingBuilt_AreSaidInSpanish()
    {
        using var culture = CultureScope.Use("es-AR");
        var reader = factory.Services.GetRequiredService<BookingFiguresReader>();
        var live = factory.Services.GetRequiredService<LiveViewStore>();
        // The live poll reads the figures once a second here: wait for its first failed read to reach the panel.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (reader.LastRead != BookingReadState.BeingBuilt || live.Current.Find(BookingPanelSource.PanelKey) is not { Status: PanelStatus.Error or PanelStatus.Stale })
        {
            await Task.Delay(100, timeout.Token);
        }
        _context.Services.AddMudServices();
        _context.Services.AddDashboardStrings();
        _context.Services.AddSingleton(reader);
        _context.Services.AddSingleton(factory.Services.GetRequiredService<BookingTrendsReader>());
        _context.Services.AddSingleton(live);
        _context.Services.AddSingleton(factory.Services.GetRequiredService<IOptions<BookingOptions>>());
        _context.Services.AddLogging();
        _context.JSInterop.Mode = JSRuntimeMode.Loose;
        _context.JSInterop.SetupModule(ApexChart.ModulePath).Mode = JSRuntimeMode.Loose;

        var page = _context.Render<BookingsPage>();

        page.WaitForAssertion(() => Assert.Contains(
            "Las cifras de reservas se están armando a partir de la base de reservas (primera puesta al día); aparecen cuando termine.",
            page.Markup, StringComparison.Ordinal));
        Assert.DoesNotContain(BookingAggregatesNotReadyException.Text, page.Markup, StringComparison.Ordinal);
        Assert.Equal([], EnglishWords.In(string.Concat(page.Nodes.Select(n => n.TextContent))));
    }
}
