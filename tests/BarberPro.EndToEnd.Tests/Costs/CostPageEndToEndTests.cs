using System.Text.RegularExpressions;
using BarberPro.EndToEnd.Tests.Infrastructure;
using Microsoft.Playwright;

namespace BarberPro.EndToEnd.Tests.Costs;

/// <summary>
/// The cost page in a real Chromium against the real stack: a Manager edits a cost entry through the page's form and
/// the unit economics beside it change; a Viewer cannot open the page at all.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed partial class CostPageEndToEndTests(BrowserFixture browser) : IAsyncLifetime
{
    private DashboardServer _server = null!;

    public async Task InitializeAsync() => _server = await DashboardServer.StartAsync("costs");

    public async Task DisposeAsync()
    {
        await browser.CloseContextsAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Manager_EditsComputeCost_UnitEconomicsFollowTheNewTotal()
    {
        var (email, password) = await _server.CreateUserAsync("Manager");
        var page = await browser.SignedInPageAsync(_server, email, password, "/costs");
        var total = page.GetByTestId("cost-total");
        var perUserFormula = page.Locator("[data-unit=costPerUser] [data-formula]");
        var perBooking = page.Locator("[data-unit=costPerBooking] [data-formula]");
        await Expect(total).ToHaveTextAsync("US$ 3,395.00");
        await Expect(perUserFormula).ToContainTextAsync("US$ 3,395.00 ÷");

        await page.GetByLabel("Compute in USD").FillAsync("3150");
        await page.GetByLabel("Note").FillAsync("e2e: compute up after the spike");
        await page.GetByRole(AriaRole.Button, new() { NameRegex = SaveButton() }).ClickAsync();

        await page.WaitForURLAsync(new Regex(@"/costs\?month=\d{4}-\d{2}&saved="));
        await Expect(page.GetByTestId("cost-saved")).ToBeVisibleAsync();
        await Expect(total).ToHaveTextAsync("US$ 4,395.00");
        await Expect(page.Locator("[data-category=Compute] [data-amount]")).ToHaveTextAsync("US$ 3,150.00");
        await Expect(perUserFormula).ToContainTextAsync("US$ 4,395.00 ÷");
        await Expect(perBooking).ToContainTextAsync("US$ 4,395.00 ÷");
        await Expect(page.GetByTestId("cost-vs-baseline")).ToContainTextAsync("31 % reduction");
        // The figure itself can round to the same text on a young test stack (a few rps over a month's cost), or read
        // "no data" before Prometheus has a rate, so check the formula it is computed from: it names the new total.
        await Expect(page.Locator("[data-unit=rpsPerDollar] [data-formula]")).ToContainTextAsync(" rps average ÷ US$ 4,395.00");
        await Expect(page.GetByTestId("cost-changes")).ToContainTextAsync($"{email} (form): Compute");
        await BrowserFixture.ScreenshotAsync(page, "costs-after-edit");
    }

    [Fact]
    public async Task Manager_InvalidAmount_SeesWhyAndNothingChanges()
    {
        var (email, password) = await _server.CreateUserAsync("Manager");
        var page = await browser.SignedInPageAsync(_server, email, password, "/costs");

        await page.GetByLabel("Storage in USD").FillAsync("three hundred");
        await page.GetByRole(AriaRole.Button, new() { NameRegex = SaveButton() }).ClickAsync();

        await Expect(page.GetByTestId("cost-error")).ToContainTextAsync("Storage: Amount must be a number of US dollars");
        await Expect(page.GetByTestId("cost-total")).ToHaveTextAsync("US$ 3,395.00");
    }

    [Fact]
    public async Task Viewer_CannotOpenTheCostPage()
    {
        var (email, password) = await _server.CreateUserAsync("Viewer");
        var page = await browser.SignedInPageAsync(_server, email, password);
        Assert.Equal(0, await page.Locator("header a[href='/costs']").CountAsync());

        var response = await page.GotoAsync("/costs");

        Assert.True(response is not null && (response.Status == 403 || page.Url.Contains("/account/denied", StringComparison.Ordinal)),
            $"a Viewer reached {page.Url} with {response?.Status}");
        Assert.Equal(0, await page.GetByTestId("cost-total").CountAsync());
        Assert.Equal(0, await page.GetByTestId("unit-economics").CountAsync());
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    [GeneratedRegex("^Save ")]
    private static partial Regex SaveButton();
}
