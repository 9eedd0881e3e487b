using AngleSharp.Dom;
using BarberPro.Core.Capacity;
using BarberPro.Core.Live;
using BarberPro.Core.Security;
using BarberPro.Dashboard.Capacity;
using BarberPro.Dashboard.Charts;
using BarberPro.Dashboard.Localization;
using BarberPro.Dashboard.Tests.Infrastructure;
using BarberPro.Dashboard.Tests.Localization;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MudBlazor;
using MudBlazor.Services;

namespace BarberPro.Dashboard.Tests.Capacity;

/// <summary>
/// The capacity page as a component: the reference assumptions (15 % a month from 10,000 users), a live snapshot of 10
/// pods at the 70 % CPU target with an HPA maximum of 20 (1,000 users per pod: the maximum is reached in month 5), an
/// assumptions store in memory that records saves and can fail like a database that does not answer.
/// </summary>
public sealed class CapacityPageComponentTests : IAsyncDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 14, 15, 0, 0, TimeSpan.Zero);

    private readonly BunitContext _context = new();
    private readonly MemoryCapacityStore _store = new();
    private readonly BunitAuthorizationContext _auth;

    public CapacityPageComponentTests()
    {
        var options = Options.Create(new LiveOptions());
        var live = new LiveSnapshotStore(options);
        live.Publish(Snapshot());
        _context.Services.AddSingleton(options);
        _context.Services.AddSingleton(live);
        _context.Services.AddSingleton<ICapacityStore>(_store);
        _context.Services.AddScoped<CapacityService>();
        _context.Services.AddSingleton<TimeProvider>(new ManualTimeProvider(Now));
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

    private IRenderedComponent<CapacityPage> Render()
    {
        _context.Render<MudPopoverProvider>();
        return _context.Render<CapacityPage>();
    }

    private static IElement Input(IRenderedComponent<CapacityPage> page, string testId)
    {
        var element = page.Find($"[data-testid={testId}]");
        return element.TagName == "INPUT" ? element : element.QuerySelector("input")!;
    }

    private static string Row(IRenderedComponent<CapacityPage> page, int month, string cell) =>
        page.Find($"tr[data-month='{month}'] [{cell}]").TextContent.Trim();

    [Fact]
    public void HpaMaximumAndReviewMonths_AreFlagged_AndTheActionAgreesWithThem()
    {
        var page = Render();

        Assert.Contains("reached in month 5", page.Find("[data-testid=hpa-max-month]").TextContent, StringComparison.Ordinal);
        Assert.Contains("reached in month 12", page.Find("[data-testid=review-month]").TextContent, StringComparison.Ordinal);
        Assert.Equal("true", page.Find("tr[data-month='5']").GetAttribute("data-hpa-reached"));
        Assert.Equal("true", page.Find("tr[data-month='12']").GetAttribute("data-review-reached"));
        Assert.Contains("HPA maximum reached", page.Find("tr[data-month='5'] [data-flag=hpa]").TextContent, StringComparison.Ordinal);
        Assert.Equal(["auto", "auto", "auto", "auto"], Enumerable.Range(1, 4).Select(m => Row(page, m, "data-action-text")));
        Assert.All(Enumerable.Range(5, 7), m => Assert.Equal("raise the HPA maximum", Row(page, m, "data-action-text")));
        Assert.Equal("manual review", Row(page, 12, "data-action-text"));
        Assert.Equal("53,502", Row(page, 12, "data-users"));
        Assert.Equal("21", Row(page, 5, "data-pods"));
        Assert.DoesNotContain("predict_scaling_needs", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void MovingTheGrowthSlider_RecomputesAtOnce_WithoutSaving()
    {
        var page = Render();

        Input(page, "growth-slider").Input("10");

        Assert.Equal("Projection: 12 months at 10 % per month from 10,000 users", page.Find("[data-testid=projection-title]").TextContent);
        Assert.Equal("11,000", Row(page, 1, "data-users"));
        Assert.Contains("reached in month 7", page.Find("[data-testid=hpa-max-month]").TextContent, StringComparison.Ordinal); // 10,000 × 1.1^7 = 19,487: 20 pods
        Assert.Contains("not reached within 12 months", page.Find("[data-testid=review-month]").TextContent, StringComparison.Ordinal);
        Assert.Equal("10", Input(page, "growth-input").GetAttribute("value"));
        Assert.Empty(_store.Saved);
    }

    [Fact]
    public void RaisingTheHpaMaximum_MovesTheFlaggedMonth()
    {
        var page = Render();

        Input(page, "hpa-slider").Input("60");

        Assert.Contains("not reached within 12 months", page.Find("[data-testid=hpa-max-month]").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-hpa-reached]"));
        Assert.Equal("auto", Row(page, 11, "data-action-text"));
    }

    [Fact]
    public void TypedNumbers_AreReadTheArgentineWayToo_AndARefusalIsNamedBesideTheField()
    {
        // A Spanish (Argentina) user: "20.000" is twenty thousand (in English it would read 20).
        using var culture = CultureScope.Use("es-AR");
        var page = Render();

        Input(page, "growth-input").Input("12,5");
        Assert.Equal("11.250", Row(page, 1, "data-users"));

        Input(page, "users-input").Input("20.000");
        Assert.Equal("22.500", Row(page, 1, "data-users"));

        Input(page, "growth-input").Input("lots");
        Assert.Contains("El crecimiento tiene que ser un porcentaje", page.Find("[data-testid=assumptions]").TextContent, StringComparison.Ordinal);
        Assert.Equal("22.500", Row(page, 1, "data-users"));
        Assert.Equal("lots", Input(page, "growth-input").GetAttribute("value"));
    }

    /// <summary>The basis of the headroom in Spanish: worded from the figures Core measured, not Core's English.</summary>
    [Fact]
    public void InSpanish_TheHeadroomBasis_ReadsSpanish()
    {
        using var culture = CultureScope.Use("es-AR");
        var page = Render();

        var basis = page.Find("[data-basis]").TextContent;
        Assert.StartsWith("Base: 10 pods al 70 % de CPU ahora, objetivo del HPA 70 %. Pods necesarios", basis, StringComparison.Ordinal);
        Assert.Equal([], EnglishWords.In(basis));
    }

    [Fact]
    public async Task Saving_KeepsWhoSavedWhat()
    {
        var page = Render();
        Input(page, "growth-slider").Input("10");

        await page.Find("[data-testid=save-assumptions]").ClickAsync(new());

        var (assumptions, actor) = Assert.Single(_store.Saved);
        Assert.Equal((new CapacityAssumptions(0.10, 10_000, 0.68, 50_000, 12), "ana@barberpro.example"), (assumptions, actor));
        Assert.Contains("Assumptions saved", page.Find("[data-testid=capacity-message]").TextContent, StringComparison.Ordinal);
        Assert.Contains("growth 15 % → 10 %", page.Find("[data-testid=assumptions-history] [data-changes]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Saved by ana@barberpro.example", page.Find("[data-testid=assumptions-source]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACircuitNoLongerManager_IsRefusedOnTheServer_AndNothingIsSaved()
    {
        var page = Render();
        SetRole(Roles.Operator);

        await page.InvokeAsync(() => page.Instance.SaveAsync());
        page.Render();

        Assert.Empty(_store.Saved);
        Assert.Contains("needs the Manager role. Nothing was saved.", page.Find("[data-testid=capacity-message]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASaveTheDatabaseRefuses_SaysSo_AndKeepsWhatWasEntered()
    {
        var page = Render();
        Input(page, "users-input").Input("12345");
        _store.Unavailable = true;

        await page.Find("[data-testid=save-assumptions]").ClickAsync(new());

        Assert.Contains("The dashboard database did not answer. Nothing was saved", page.Find("[data-testid=capacity-message]").TextContent, StringComparison.Ordinal);
        Assert.Equal("12345", Input(page, "users-input").GetAttribute("value"));
        Assert.Equal("14,196", Row(page, 1, "data-users"));
    }

    private static LiveSnapshot Snapshot()
    {
        static Figure F(string key, double value, string unit) => new(key, key, value, unit, value.ToString(System.Globalization.CultureInfo.InvariantCulture), Level.Ok, null);
        PanelSnapshot Panel(string key, params Figure[] figures) => new(key, key, PanelStatus.Data, Now, null, null, figures, [], []);
        return new LiveSnapshot(1, Now, TimeSpan.FromSeconds(5),
        [
            Panel(PrometheusPanelSources.Throughput, F("rps", 500, "rps")),
            Panel(PrometheusPanelSources.Scaling, F("current", 10, "pods"), F("cpu", 0.70, "ratio"), F("max", 20, "pods")),
        ]);
    }

    private sealed class MemoryCapacityStore : ICapacityStore
    {
        private readonly List<SavedAssumptions> _history = [];

        public List<(CapacityAssumptions Assumptions, string Actor)> Saved { get; } = [];

        public bool Unavailable { get; set; }

        public Task<IReadOnlyList<SavedAssumptions>> GetHistoryAsync(int limit, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<SavedAssumptions>>([.. _history.Take(limit)]);

        public Task SaveAsync(CapacityAssumptions assumptions, string actor, CancellationToken cancellationToken)
        {
            if (Unavailable)
            {
                return Task.FromException(new TimeoutException("test: the database is down"));
            }
            Saved.Add((assumptions, actor));
            _history.Insert(0, new SavedAssumptions(assumptions, actor, Now));
            return Task.CompletedTask;
        }
    }
}
