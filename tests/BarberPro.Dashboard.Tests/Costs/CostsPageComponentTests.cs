using System.Text.Json;
using BarberPro.Core.Bookings;
using BarberPro.Core.Costs;
using BarberPro.Core.Live;
using BarberPro.Core.Security;
using BarberPro.Dashboard.Charts;
using BarberPro.Dashboard.Costs;
using BarberPro.Dashboard.Localization;
using BarberPro.Dashboard.Tests.Infrastructure;
using BarberPro.Dashboard.Tests.Localization;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MudBlazor;
using MudBlazor.Services;

namespace BarberPro.Dashboard.Tests.Costs;

/// <summary>
/// The cost page as a component, with a cost store kept in memory that records every write and can be made to fail
/// like a database that does not answer, a fixed month's activity, a manual clock (14 Nov 2026) and a signed-in user.
/// </summary>
public sealed class CostsPageComponentTests : IAsyncDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 14, 15, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly November = new(2026, 11, 1);
    private static readonly DateOnly October = new(2026, 10, 1);

    private readonly BunitContext _context = new();
    private readonly MemoryCostStore _store = new();
    private readonly BunitAuthorizationContext _auth;
    private IRenderedComponent<MudDialogProvider> _dialogs = null!;

    public CostsPageComponentTests()
    {
        foreach (var (category, amount) in new Dictionary<string, decimal> { ["Compute"] = 2150m, ["Database"] = 650m, ["Storage"] = 320m, ["Network"] = 180m, ["Monitoring"] = 95m })
        {
            _store.Put(new CostEntry(November, category, amount, null, "seed", Now));
        }
        _store.Put(new CostEntry(October, "Compute", 2000m, null, "seed", Now));
        _store.Rates.Add(new UsdArsRate(new DateOnly(2026, 10, 1), 1000m, "ana", Now));
        _store.Rates.Add(new UsdArsRate(new DateOnly(2026, 11, 1), 1500m, "ana", Now));
        _store.Baseline["Total"] = 6400m;
        _store.Baseline["Compute"] = 4000m;

        var time = new ManualTimeProvider(Now);
        _context.Services.AddSingleton<TimeProvider>(time);
        _context.Services.AddSingleton<ICostStore>(_store);
        _context.Services.AddSingleton<ICostActivitySource>(new FixedActivity(new CostActivity(new BookingMonth(November, 500, 20_000, 0m), null, 10, 4, null)));
        _context.Services.AddSingleton(Options.Create(new CostModelOptions()));
        _context.Services.AddScoped<CostOverviewService>();
        _context.Services.AddLogging();
        _context.Services.AddMudServices();
        _context.Services.AddDashboardStrings();
        // CircuitAccess as in the app; its audit row cannot be written here (no database), which it logs and survives.
        _context.Services.AddSingleton(Npgsql.NpgsqlDataSource.Create("Host=127.0.0.1;Port=1;Timeout=1"));
        _context.Services.AddSingleton<BarberPro.Dashboard.Security.SecurityAudit>();
        _context.Services.AddScoped<BarberPro.Dashboard.Security.CircuitAccess>();
        _context.JSInterop.Mode = JSRuntimeMode.Loose;
        _context.JSInterop.SetupModule(ApexChart.ModulePath).Mode = JSRuntimeMode.Loose;
        _auth = _context.AddAuthorization();
        _auth.SetAuthorized("ana@barberpro.example");
        _context.Renderer.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", true));
        SetRole(Roles.Manager);
    }

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();

    private void SetRole(string role)
    {
        _auth.SetPolicies(Roles.AtLeast(Roles.Manager).Contains(role) ? [Policies.View, Policies.Manage] : [Policies.View]);
        _auth.SetRoles(role);
    }

    private IRenderedComponent<CostsPage> Render(string? url = null)
    {
        if (url is not null)
        {
            _context.Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().NavigateTo(url);
        }
        _context.Render<MudPopoverProvider>();
        _dialogs = _context.Render<MudDialogProvider>();
        return _context.Render<CostsPage>();
    }

    private static AngleSharp.Dom.IElement Amount(IRenderedComponent<CostsPage> page, string category) =>
        page.Find($"input[data-testid=cell-amount-{category}]");

    [Fact]
    public void Month_ShowsTotalsBaselineAndUnitFiguresInUnitsPeopleRead()
    {
        var page = Render();

        Assert.Equal("US$ 3,395.00", page.Find("[data-testid=cost-total]").TextContent);
        Assert.Contains("US$ 6,400.00 — 47 % reduction", page.Find("[data-testid=cost-vs-baseline]").TextContent, StringComparison.Ordinal);
        Assert.Equal("US$ 6.79", page.Find("[data-unit=costPerUser] [data-value]").TextContent);
        // 10 requests/s over November's 30 days = 25,920,000 requests: US$ 3,395 ÷ 25.92 million.
        Assert.Equal("US$ 130.98", page.Find("[data-unit=costPerMillionRequests] [data-value]").TextContent);
        Assert.Equal("US$ 3,395.00 ÷ 500 active users", page.Find("[data-unit=costPerUser] [data-formula]").TextContent);
        Assert.Equal("2150.00", Amount(page, "Compute").GetAttribute("value"));
        Assert.DoesNotContain("CostModel", page.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("seed", page.Find("[data-costs-root]").TextContent, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task ACellTypedTheArgentineWay_IsSaved_AndTheUnitFiguresFollow()
    {
        var page = Render();

        await page.InvokeAsync(() => Amount(page, "Compute").Change("3.150,50"));

        var (input, actor, source) = Assert.Single(_store.Writes);
        Assert.Equal(new CostEntryInput(November, "Compute", 3150.50m, null), input);
        Assert.Equal(("ana@barberpro.example", "form"), (actor.Name, source));
        page.WaitForAssertion(() => Assert.Equal("US$ 4,395.50", page.Find("[data-testid=cost-total]").TextContent));
        Assert.Equal("US$ 4,395.50 ÷ 500 active users", page.Find("[data-unit=costPerUser] [data-formula]").TextContent);
        Assert.NotNull(page.Find("[data-category=Compute] [data-cell-saved]"));
    }

    [Fact]
    public async Task ACellWithTheSameValue_WritesNothing()
    {
        var page = Render();

        await page.InvokeAsync(() => Amount(page, "Database").Change("650"));

        Assert.Empty(_store.Writes);
    }

    [Fact]
    public async Task AnInvalidCell_SaysWhyBesideIt_KeepsTheTextAndWritesNothing()
    {
        var page = Render();

        await page.InvokeAsync(() => Amount(page, "Storage").Change("three hundred"));

        Assert.Empty(_store.Writes);
        var cell = page.Find("[data-category=Storage]");
        Assert.Contains("Amount must be a number of US dollars such as 2150.50 or 2.150,50 (was \"three hundred\").", cell.TextContent, StringComparison.Ordinal);
        Assert.Equal("three hundred", Amount(page, "Storage").GetAttribute("value"));
        Assert.Equal("US$ 3,395.00", page.Find("[data-testid=cost-total]").TextContent);
    }

    [Fact]
    public async Task AFailedWrite_SaysSoBesideTheCell_AndKeepsTheTypedValue()
    {
        var page = Render();
        _store.Unavailable = true;

        await page.InvokeAsync(() => Amount(page, "Network").Change("210"));

        var cell = page.Find("[data-category=Network]");
        Assert.Contains("The dashboard database did not answer. Nothing was saved", cell.TextContent, StringComparison.Ordinal);
        Assert.Equal("210", Amount(page, "Network").GetAttribute("value"));
        Assert.Equal(180m, _store.Amount(November, "Network"));
    }

    [Fact]
    public async Task ACircuitNoLongerManager_IsRefusedOnTheServer_AndNothingIsWritten()
    {
        var page = Render();
        SetRole(Roles.Operator);

        // The refusal is audited (a write that fails here, after a connect timeout): wait for the handler itself.
        await Amount(page, "Compute").ChangeAsync(new Microsoft.AspNetCore.Components.ChangeEventArgs { Value = "1" });
        await page.InvokeAsync(() => page.Instance.SaveRateAsync());
        await page.InvokeAsync(() => page.Instance.ImportAsync());

        page.WaitForAssertion(() => Assert.Contains("Changing costs needs the Manager role. Nothing was saved.", page.Find("[data-category=Compute]").TextContent, StringComparison.Ordinal));
        Assert.Empty(_store.Writes);
    }

    [Fact]
    public async Task Import_OneBadLine_IsNamedInThePreview_AndNothingChanges()
    {
        var page = Render();
        await page.InvokeAsync(() => page.Find("[data-testid=open-import]").Click());

        await page.InvokeAsync(() => _dialogs.Find("textarea").Change("month;category;amount_usd\n2026-11;Compute;2.300,50\n2026-11;Storage;-3\n"));
        await _dialogs.Find("[data-testid=import-preview-button]").ClickAsync(new());
        await page.InvokeAsync(() => page.Instance.ImportAsync()); // the confirm button is disabled; a hand-sent event is refused too

        page.WaitForAssertion(() => Assert.Contains("Line 3: Amount must be between 0 and", _dialogs.Find("[data-testid=import-error]").TextContent, StringComparison.Ordinal));
        Assert.Empty(_store.Writes);
        Assert.Equal("2150.00", Amount(page, "Compute").GetAttribute("value"));
    }

    [Fact]
    public async Task Import_SemicolonsAndDecimalCommas_ArePreviewedThenStoredTogether()
    {
        var page = Render();
        await page.InvokeAsync(() => page.Find("[data-testid=open-import]").Click());
        await page.InvokeAsync(() => _dialogs.Find("textarea").Change("month;category;amount_usd;note\n2026-11;Compute;2.300,50;reservas\n2026-11;Database;650\n"));
        await _dialogs.Find("[data-testid=import-preview-button]").ClickAsync(new());

        var rows = _dialogs.FindAll("[data-preview-row]");
        Assert.Equal(2, rows.Count);
        Assert.Equal(["true", "false"], rows.Select(r => r.GetAttribute("data-changes")));
        Assert.Contains("US$ 2,300.50", rows[0].TextContent, StringComparison.Ordinal);

        await _dialogs.Find("[data-testid=import-confirm]").ClickAsync(new());

        // Database is as stored: one write, one change row, for the value that changed.
        var (input, _, source) = Assert.Single(_store.Writes);
        Assert.Equal((new CostEntryInput(November, "Compute", 2300.50m, "reservas"), "csv"), (input, source));
        page.WaitForAssertion(() => Assert.Equal("2300.50", Amount(page, "Compute").GetAttribute("value")));
        Assert.Contains("2 entries imported, 1 changed.", page.Find("[data-testid=cost-saved]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_DatabaseDown_KeepsTheGridAndSaysWhyInTheDialog()
    {
        var page = Render();
        await page.InvokeAsync(() => page.Find("[data-testid=open-import]").Click());
        await page.InvokeAsync(() => _dialogs.Find("textarea").Change("month,category,amount_usd\n2026-11,Compute,9999\n"));
        await _dialogs.Find("[data-testid=import-preview-button]").ClickAsync(new());
        _store.Unavailable = true;

        await _dialogs.Find("[data-testid=import-confirm]").ClickAsync(new());

        Assert.Contains("The dashboard database did not answer", _dialogs.Find("[data-testid=import-error]").TextContent, StringComparison.Ordinal);
        Assert.Equal("2150.00", Amount(page, "Compute").GetAttribute("value"));
        Assert.Equal("US$ 3,395.00", page.Find("[data-testid=cost-total]").TextContent);
        Assert.Single(_dialogs.FindAll("[data-preview-row]"));
    }

    [Fact]
    public void Pesos_AreShownAtEachMonthsOwnRate()
    {
        var page = Render("/costs?month=2026-10&currency=ARS");

        // October's rate is 1,000 (November's 1,500 is not in force yet): US$ 2,000 → $ 2,000,000.00.
        Assert.Equal("$ 2,000,000.00", page.Find("[data-testid=cost-total]").TextContent);
        Assert.Equal("$ 1,000.00 per US$", page.Find("[data-testid=month-rate]").TextContent);
        Assert.Contains("$ 2,000,000.00", page.Find("[data-category=Compute]").ParentElement!.ParentElement!.TextContent, StringComparison.Ordinal);
    }

    /// <summary>A Spanish (Argentina) reader: the page's words, money the Argentine way, and a typed "2.300,50" stored
    /// as 2300.50 (an English reader types "2,300.50").</summary>
    [Fact]
    public async Task InSpanish_ThePageReadsSpanish_MoneyIsArgentine_AndTypedAmountsAreReadTheArgentineWay()
    {
        using var culture = CultureScope.Use("es-AR");
        var page = Render("/costs?month=2026-10&currency=ARS");

        Assert.Equal("$ 2.000.000,00", page.Find("[data-testid=cost-total]").TextContent);
        Assert.Equal("$ 1.000,00 por US$", page.Find("[data-testid=month-rate]").TextContent);
        Assert.Equal("Costos", page.Find("h1").TextContent);
        Assert.Equal("octubre de 2026", page.Find("[data-testid=month-title]").TextContent);
        Assert.Equal("Categoría", page.FindAll("[data-testid=cost-grid] th")[0].TextContent.Trim());
    }

    [Fact]
    public async Task InSpanish_ACellTypedTheArgentineWay_IsStored_AndTheTotalIsWrittenTheArgentineWay()
    {
        using var culture = CultureScope.Use("es-AR");
        var page = Render();
        Assert.Equal("2150,00", Amount(page, "Compute").GetAttribute("value"));

        await page.InvokeAsync(() => Amount(page, "Compute").Change("2.300,50"));

        page.WaitForAssertion(() => Assert.Equal("US$ 3.545,50", page.Find("[data-testid=cost-total]").TextContent));
        Assert.Equal(2300.50m, _store.Amount(November, "Compute"));
    }

    /// <summary>A bad CSV line in Spanish: its number and what is wrong, worded from the problem Core names (not
    /// Core's English), with the amounts written the Argentine way.</summary>
    [Fact]
    public async Task InSpanish_ABadCsvLine_IsNamedWithItsNumber_InSpanish()
    {
        using var culture = CultureScope.Use("es-AR");
        var page = Render();
        await page.InvokeAsync(() => page.Find("[data-testid=open-import]").Click());

        await page.InvokeAsync(() => _dialogs.Find("textarea").Change("month;category;amount_usd\n2026-11;Compute;2.300,50\n2026-11;Storage;-3\n"));
        await _dialogs.Find("[data-testid=import-preview-button]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Contains("Línea 3: El monto debe estar entre 0 y 10.000.000 USD (era -3). Se rechazó el archivo entero; no se guardó nada.",
            _dialogs.Find("[data-testid=import-error]").TextContent, StringComparison.Ordinal));
        Assert.Empty(_store.Writes);
    }

    /// <summary>The unit economics in Spanish: values and formulas on the month's numbers, written the Argentine way.</summary>
    [Fact]
    public void InSpanish_TheUnitEconomicsAndTheirFormulas_ReadSpanish()
    {
        using var culture = CultureScope.Use("es-AR");
        var page = Render();

        Assert.Equal("US$ 6,79", page.Find("[data-unit=costPerUser] [data-value]").TextContent);
        Assert.Equal("US$ 3.395,00 ÷ 500 usuarios activos", page.Find("[data-unit=costPerUser] [data-formula]").TextContent);
        Assert.Equal("US$ 3.395,00 ÷ (10,0 solicitudes/s en promedio × 2.592.000 s del mes = 25.920.000 solicitudes) × 1.000.000",
            page.Find("[data-unit=costPerMillionRequests] [data-formula]").TextContent);
        Assert.Equal("US$ 3.395,00 ÷ 20.000 reservas completadas", page.Find("[data-unit=costPerBooking] [data-formula]").TextContent);
        Assert.Equal("0,15 usuarios por US$", page.Find("[data-unit=usersPerDollar] [data-value]").TextContent);
        Assert.Equal([], EnglishWords.In(page.Find("[data-testid=unit-economics]").TextContent));
    }

    [Fact]
    public async Task Trend_HasTwelveMonthsWithPesosAtEachMonthsRate()
    {
        var overview = await _context.Services.GetRequiredService<CostOverviewService>().BuildAsync(November, default);

        var options = CostsPage.TrendOptions(overview, BarberPro.Core.Costs.Currency.Ars);

        var total = options.Series.Single(s => s.Name == "Total");
        Assert.Equal(12, total.Data.Count);
        Assert.Equal(2_000_000d, total.Data[10].Y); // October: US$ 2,000 × 1,000
        Assert.Equal(5_092_500d, total.Data[11].Y); // November: US$ 3,395 × 1,500
        Assert.Null(total.Data[0].Y);
        // A month alone still shows: each point has its dot (ApexCharts draws no line through a single point).
        Assert.Equal(4, JsonDocument.Parse(options.ToJson()).RootElement.GetProperty("markers").GetProperty("size").GetInt32());
    }

    private sealed class FixedActivity(CostActivity activity) : ICostActivitySource
    {
        public Task<CostActivity> ReadAsync(DateOnly month, DateTimeOffset start, DateTimeOffset evaluateAt, CancellationToken cancellationToken) =>
            Task.FromResult(activity);
    }
}
