using System.Text.Json;
using BarberPro.Core.Bookings;
using BarberPro.Core.Live;
using BarberPro.Core.Time;
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
/// The Bookings page as a component (bUnit) over the real readers of a dashboard with a booking database
/// (<see cref="BookingsFactory"/>: two bookings made today in Buenos Aires and Rosario, one completed a minute ago).
/// </summary>
public sealed class BookingsPageComponentTests(BookingsFactory factory) : IClassFixture<BookingsFactory>, IAsyncLifetime
{
    private readonly BunitContext _context = new();

    private async Task<(IRenderedComponent<BookingsPage> Page, BunitJSModuleInterop Module)> RenderAsync()
    {
        var reader = factory.Services.GetRequiredService<BookingFiguresReader>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while ((reader.Latest?.BookingsToday ?? 0) < 2)
        {
            await Task.Delay(100, timeout.Token);
        }
        _context.Services.AddMudServices();
        _context.Services.AddDashboardStrings();
        _context.Services.AddSingleton(reader);
        _context.Services.AddSingleton(factory.Services.GetRequiredService<BookingTrendsReader>());
        _context.Services.AddSingleton(factory.Services.GetRequiredService<LiveViewStore>());
        _context.Services.AddSingleton(factory.Services.GetRequiredService<IOptions<BookingOptions>>());
        _context.Services.AddLogging();
        _context.JSInterop.Mode = JSRuntimeMode.Loose;
        var module = _context.JSInterop.SetupModule(ApexChart.ModulePath);
        module.Mode = JSRuntimeMode.Loose;
        var page = _context.Render<BookingsPage>();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("td[data-city]").Count), TimeSpan.FromSeconds(10));
        return (page, module);
    }

    [Fact]
    public async Task TheCityTable_ShowsEveryCityWithItsRevenue_AndSortsWhenAColumnIsSelected()
    {
        var (page, _) = await RenderAsync();

        Assert.Equal(["Buenos Aires", "Rosario"], page.FindAll("td[data-city]").Select(td => td.TextContent.Trim()));
        Assert.Equal("$ 1,234,567.89", page.Find("tbody tr td[data-revenue]").TextContent.Trim());

        page.Find("[data-sort=revenue]").Click();

        page.WaitForAssertion(() => Assert.Equal(["Rosario", "Buenos Aires"], page.FindAll("td[data-city]").Select(td => td.TextContent.Trim())));
        Assert.Contains("$ 1,234,567.89", page.Find("tfoot").TextContent, StringComparison.Ordinal);
    }

    /// <summary>In Spanish: the page's words, money the Argentine way, and no English word left behind (the words of
    /// the city names and the figures' data aside).</summary>
    [Fact]
    public async Task InSpanish_ThePageReadsSpanish_AndMoneyIsWrittenTheArgentineWay()
    {
        using var culture = CultureScope.Use("es-AR");

        var (page, _) = await RenderAsync();

        Assert.Equal("$ 1.234.567,89", page.Find("tbody tr td[data-revenue]").TextContent.Trim());
        Assert.Equal("Reservas", page.Find("h1").TextContent.Trim());
        Assert.Equal(["Ciudad", "Reservas hechas", "Completados", "Ingresos (ARS)"], page.FindAll("thead th").Select(th => th.TextContent.Trim()).Take(4));
        // The lines come from a second read after the figures (the trends): wait for them as the English test does.
        page.WaitForAssertion(() => Assert.StartsWith("Reservas hechas por día, últimos 14 días: 0 el ", page.Find("[data-figure=today] svg[data-sparkline]").GetAttribute("aria-label"), StringComparison.Ordinal));
        Assert.Equal([], EnglishWords.In(string.Concat(page.Nodes.Select(n => n.TextContent))));
    }

    [Fact]
    public async Task EachFigure_HasASparklineOfTheLastFourteenDays_SaidInWords()
    {
        var (page, _) = await RenderAsync();

        page.WaitForAssertion(() => Assert.Equal(4, page.FindAll("svg[data-sparkline]").Count));
        Assert.Equal("2", page.Find("[data-figure=today] [data-value]").TextContent.Trim());
        var bookings = page.Find("[data-figure=today] svg[data-sparkline]");
        Assert.Equal("14", bookings.GetAttribute("data-sparkline"));
        Assert.EndsWith("2 today.", bookings.GetAttribute("aria-label"), StringComparison.Ordinal);
        Assert.StartsWith("Bookings made per day, last 14 days: 0 on ", bookings.GetAttribute("aria-label"), StringComparison.Ordinal);
        // A day with no finished appointment has no completion rate: a gap, not a 0 % point.
        Assert.Equal("1", page.Find("[data-figure=completion] svg[data-sparkline]").GetAttribute("data-sparkline"));
        Assert.Empty(page.FindAll("[data-figure=active-users] svg"));
    }

    [Fact]
    public async Task TheBusiestHours_AreDrawnAsAWeekdayByHourHeatmap_WithTheAppointmentInItsCell()
    {
        var (page, module) = await RenderAsync();

        module.WaitForCalls("draw", 1);
        var options = JsonDocument.Parse((string)module.Invocations["draw"][0].Arguments[1]!).RootElement;
        Assert.Equal("heatmap", options.GetProperty("chart").GetProperty("type").GetString());
        var series = options.GetProperty("series").EnumerateArray().ToList();
        Assert.Equal(["Sun", "Sat", "Fri", "Thu", "Wed", "Tue", "Mon"], series.Select(s => s.GetProperty("name").GetString()));
        Assert.All(series, s => Assert.Equal(24, s.GetProperty("data").GetArrayLength()));
        // The one appointment in the window started a minute before the test's bookings were written.
        var started = ArgentinaTime.ToArgentina(DateTimeOffset.UtcNow.AddMinutes(-1));
        var weekday = started.DayOfWeek == DayOfWeek.Sunday ? 7 : (int)started.DayOfWeek;
        var cells = series.SelectMany(s => s.GetProperty("data").EnumerateArray()
            .Select(p => (Day: s.GetProperty("name").GetString(), Hour: p[0].GetInt32(), Count: p[1].GetDouble()))).ToList();
        Assert.Equal(1, cells.Sum(c => c.Count));
        var busy = cells.Single(c => c.Count == 1);
        Assert.Equal(BookingHeatmap.Weekdays[weekday - 1], busy.Day);
        Assert.Contains(busy.Hour, new[] { started.Hour, (started.Hour + 23) % 24 });
        Assert.Equal($"Busiest: {busy.Day} {busy.Hour:00}:00 ART, 1 appointment.", page.Find("[data-testid=heatmap-summary]").TextContent.Trim());
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _context.DisposeAsync();
}
