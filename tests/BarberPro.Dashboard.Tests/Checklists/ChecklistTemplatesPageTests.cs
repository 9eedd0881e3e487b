using BarberPro.Core.Checklists;
using BarberPro.Core.Security;
using BarberPro.Dashboard.Checklists;
using BarberPro.Dashboard.Localization;
using BarberPro.Dashboard.Security;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using Npgsql;

namespace BarberPro.Dashboard.Tests.Checklists;

/// <summary>The template editor component on its own database (the real template store), with a signed-in user and a role.</summary>
public sealed class ChecklistTemplatesPageTests : IClassFixture<ChecklistsFactory>, IAsyncDisposable
{
    private readonly ChecklistsFactory _factory;
    private readonly BunitContext _context = new();
    private readonly BunitAuthorizationContext _auth;
    private readonly NpgsqlDataSource _dataSource;

    public ChecklistTemplatesPageTests(ChecklistsFactory factory)
    {
        _factory = factory;
        _dataSource = NpgsqlDataSource.Create(factory.Database.ConnectionString);
        _context.Services.AddLogging();
        _context.Services.AddMudServices();
        _context.Services.AddDashboardStrings();
        _context.Services.AddSingleton<TimeProvider>(factory.Clock);
        _context.Services.AddSingleton(_dataSource);
        _context.Services.AddSingleton(factory.Templates);
        _context.Services.AddSingleton<ChecklistPeople>();
        _context.Services.AddSingleton<SecurityAudit>();
        _context.Services.AddScoped<CircuitAccess>();
        _context.JSInterop.Mode = JSRuntimeMode.Loose;
        _auth = _context.AddAuthorization();
        _auth.SetAuthorized("mara.lopez@test.local");
        _context.Renderer.SetRendererInfo(new RendererInfo("Server", true));
    }

    public async ValueTask DisposeAsync()
    {
        await _context.DisposeAsync();
        await _dataSource.DisposeAsync();
    }

    [Fact]
    public async Task AManager_Renames_MovesAsADropDoes_Retires_AndRestores_EachLoggedWithTheirName()
    {
        SetRole(Roles.Manager);
        var page = _context.Render<ChecklistTemplatesPage>();

        page.Instance.SetTitle("weekly.friday.documentation", "Update the runbooks");
        await page.InvokeAsync(() => page.Instance.RenameAsync("weekly.friday.documentation"));
        Assert.Equal("Renamed.", page.Find("[data-template-message]").TextContent.Trim());
        await page.InvokeAsync(() => page.Instance.MoveToAsync("weekly.friday.documentation", 0));
        await page.InvokeAsync(() => page.Instance.RetireAsync("weekly.friday.weekend-maintenance"));

        var friday = (await _factory.Templates.GetTemplatesAsync(CancellationToken.None)).Single(t => t.Id == "weekly").Sections.Single(s => s.Key == "weekly.friday");
        Assert.Equal(["weekly.friday.documentation", "weekly.friday.performance-report", "weekly.friday.post-mortems"],
            friday.Items.Where(i => i.RetiredAt is null).Select(i => i.Key));
        Assert.Equal("Update the runbooks", friday.Items[0].Title);
        var section = page.Find("[data-template-section='weekly.friday']");
        Assert.Equal("weekly.friday.documentation", section.QuerySelector("[data-template-item]")!.GetAttribute("data-template-item"));
        Assert.NotNull(section.QuerySelector("[data-template-item='weekly.friday.weekend-maintenance'][data-retired]"));

        await page.InvokeAsync(() => page.Instance.RestoreAsync("weekly.friday.weekend-maintenance"));

        var edits = await _factory.Templates.GetRecentChangesAsync(4, CancellationToken.None);
        Assert.Equal(["restore", "retire", "move", "rename"], edits.Select(e => e.Kind));
        Assert.All(edits, e => Assert.Equal("mara.lopez", e.ActorName));
        Assert.Empty(page.FindAll("[data-template-section='weekly.friday'] [data-retired]"));
    }

    [Fact]
    public async Task AnOverlongTitle_IsRefusedWithTheLimit_AndTheTypedTitleStays()
    {
        SetRole(Roles.Manager);
        var page = _context.Render<ChecklistTemplatesPage>();
        // Type only once the templates are on screen: a field created by the first load would start from the stored title.
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-template-item='daily.security.waf'] input[data-title-input]")));
        var typed = new string('t', 201);

        // Typed into the field itself, as a person does (setting the draft behind the field's back would leave the field
        // showing the stored title once it exists: MudTextField keeps its own text).
        await page.InvokeAsync(() => page.Find("[data-template-item='daily.security.waf'] input[data-title-input]").Input(typed));
        await page.InvokeAsync(() => page.Instance.RenameAsync("daily.security.waf"));

        Assert.Equal("Not saved: The title has 201 characters; the limit is 200. The template was not changed.",
            page.Find("[data-template-message]").TextContent.Trim());
        Assert.Equal(typed, page.Find("[data-template-item='daily.security.waf'] input[data-title-input]").GetAttribute("value"));
    }

    [Fact]
    public async Task AnOperatorsCircuitSendingTemplateEditsByHand_IsRefused_AndNothingChanges()
    {
        SetRole(Roles.Operator);
        var page = _context.Render<ChecklistTemplatesPage>();
        var before = await _factory.ScalarAsync("SELECT count(*) FROM dashboard.checklist_template_changes");

        page.Instance.SetTitle("daily.security.ddos", "Hijacked");
        await page.InvokeAsync(() => page.Instance.RenameAsync("daily.security.ddos"));
        await page.InvokeAsync(() => page.Instance.RetireAsync("daily.security.ddos"));
        page.Instance.SetNewTitle("daily.security", "Forged item");
        await page.InvokeAsync(() => page.Instance.AddAsync("daily.security"));
        await page.InvokeAsync(() => page.Instance.MoveToAsync("daily.security.ddos", 0));

        Assert.Equal(before, await _factory.ScalarAsync("SELECT count(*) FROM dashboard.checklist_template_changes"));
        Assert.Equal("Not saved: template edits need the Manager role.", page.Find("[data-template-message]").TextContent.Trim());
    }

    private void SetRole(string role)
    {
        _auth.SetPolicies(Roles.AtLeast(Roles.Manager).Contains(role) ? [Policies.View, Policies.Tick, Policies.Manage] : [Policies.View, Policies.Tick]);
        _auth.SetRoles(role);
        _auth.SetClaims(new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.NameIdentifier, "user-mara"));
    }
}
