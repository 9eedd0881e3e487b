using BarberPro.Dashboard.Localization;
using BarberPro.Dashboard.Tests.Infrastructure;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace BarberPro.Dashboard.Tests.Localization;

/// <summary>MudBlazor's own texts (a data grid's pager here) follow the circuit's language through our MudLocalizer.</summary>
public sealed class MudBlazorTextsTests : BunitContext, IAsyncLifetime
{
    public MudBlazorTextsTests()
    {
        Services.AddMudServices();
        Services.AddDashboardStrings();
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();

    [Theory]
    [InlineData("es-AR", "Filas por página:", "1-10 de 25")]
    [InlineData("en", "Rows per page:", "1-10 of 25")]
    public void TheDataGridsPager_SpeaksTheCircuitsLanguage(string language, string rowsPerPage, string info)
    {
        using var culture = CultureScope.Use(language);

        var grid = Render<MudDataGrid<int>>(p => p
            .Add(g => g.Items, Enumerable.Range(1, 25).ToList())
            .Add(g => g.RowsPerPage, 10)
            .Add(g => g.Columns, (RenderFragment)(b =>
            {
                b.OpenComponent<PropertyColumn<int, int>>(0);
                b.AddAttribute(1, nameof(PropertyColumn<int, int>.Property), (System.Linq.Expressions.Expression<Func<int, int>>)(i => i));
                b.CloseComponent();
            }))
            .Add(g => g.PagerContent, (RenderFragment)(b =>
            {
                b.OpenComponent<MudDataGridPager<int>>(0);
                b.CloseComponent();
            })));

        Assert.Contains(rowsPerPage, grid.Markup, StringComparison.Ordinal);
        Assert.Contains(info, grid.Markup, StringComparison.Ordinal);
    }
}
