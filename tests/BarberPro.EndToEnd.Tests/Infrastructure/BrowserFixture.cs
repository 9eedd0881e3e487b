using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace BarberPro.EndToEnd.Tests.Infrastructure;

/// <summary>One Chromium (Debian's, at /usr/bin/chromium) for the whole end-to-end run; each test opens its own contexts.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private readonly ConcurrentQueue<IBrowserContext> _contexts = new();
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
        });
    }

    /// <summary>A browser context the fixture closes again (<see cref="CloseContextsAsync"/>).</summary>
    public async Task<IBrowserContext> NewContextAsync(BrowserNewContextOptions options)
    {
        var context = await Browser.NewContextAsync(options);
        _contexts.Enqueue(context);
        return context;
    }

    /// <summary>
    /// Closes every context a test opened; each test class calls it when a test ends. A page left open keeps its circuit
    /// rendering every snapshot (and, once its server is gone, keeps reconnecting), which slowed every later test of
    /// the run: the shell's tests took 7–34 s each after the others' pages piled up, 2–6 s alone.
    /// </summary>
    public async Task CloseContextsAsync()
    {
        while (_contexts.TryDequeue(out var context))
        {
            try
            {
                await context.CloseAsync();
            }
            catch (PlaywrightException)
            {
                // Already closed by the test itself.
            }
        }
    }

    /// <summary>
    /// A fresh browser context (its own cookies) signed in through the real sign-in page; <paramref name="locale"/> is
    /// the browser's language (its <c>Accept-Language</c>), null for Playwright's default (en-US).
    /// </summary>
    public async Task<IPage> SignedInPageAsync(DashboardServer server, string email, string password, string path = "/", string? locale = null)
    {
        var context = await NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = server.BaseUrl,
            ViewportSize = new ViewportSize { Width = 1400, Height = 1000 },
            TimezoneId = "America/Argentina/Buenos_Aires",
            Locale = locale,
        });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
        if (path != "/")
        {
            await page.GotoAsync(path);
        }
        return page;
    }

    /// <summary>
    /// Saves a screenshot under TestResults/screenshots for a human to look at. It is a record, not an assertion: on a
    /// loaded machine a full-page capture can take long, and that must not fail a test whose checks all passed.
    /// </summary>
    /// <summary>
    /// Picks <paramref name="item"/> in the MudBlazor select with <paramref name="testId"/>, as a person does: opens it
    /// and clicks the item in the list it shows, then waits for the list to close.
    /// </summary>
    public static async Task ChooseAsync(IPage page, string testId, string item)
    {
        await page.GetByTestId(testId).ClickAsync();
        var open = page.Locator(".mud-popover-open");
        await open.Locator(".mud-list-item", new() { HasText = item }).First.ClickAsync();
        await Microsoft.Playwright.Assertions.Expect(open).ToHaveCountAsync(0);
    }

    public static async Task ScreenshotAsync(IPage page, string name)
    {
        var folder = Path.Combine(Stack.RepoRoot, "TestResults", "screenshots");
        Directory.CreateDirectory(folder);
        try
        {
            await page.ScreenshotAsync(new PageScreenshotOptions
            {
                Path = Path.Combine(folder, name + ".png"),
                FullPage = true,
                Animations = ScreenshotAnimations.Disabled,
                Timeout = 30_000,
            });
        }
        catch (Exception ex) when (ex is TimeoutException or PlaywrightException)
        {
            Console.WriteLine($"screenshot {name} not taken: {ex.Message}");
        }
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }
        _playwright?.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class EndToEndCollection : ICollectionFixture<BrowserFixture>
{
    /// <summary>One collection: end-to-end tests share the browser and the stack's simulator, so they run one at a time.</summary>
    public const string Name = "end-to-end";
}
