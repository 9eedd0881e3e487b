using System.Diagnostics;
using System.Globalization;
using BarberPro.Bench.Shared;
using Microsoft.Playwright;

// Issue 10's checklist target: "a tick in one browser appears in another — p95 over 20 ticks ≤ 1 s".
// Two Chromium browsers (separate contexts, both signed in) open /checklists on one dashboard; one ticks or unticks an
// item of today's daily run, the other page's item is watched until it shows the change. The time is taken inside the
// browsers (Date.now() just before the click in one page, a MutationObserver's Date.now() in the other: one machine,
// one clock), so Playwright's own polling does not count. Ticks alternate between the two pages; each item is ticked
// and then unticked, so the run leaves the checklist as it found it.
var ticks = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20;
await using var dashboard = await DashboardProcess.StartAsync(TimeSpan.FromSeconds(1), new Dictionary<string, string> { ["Reports__Schedule"] = "false" });
using var playwright = await Playwright.CreateAsync();
await using var browser = await playwright.Chromium.LaunchAsync(new()
{
    ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
    Args = ["--no-sandbox", "--disable-gpu"],
});
var pages = new[] { await OpenAsync(), await OpenAsync() };
var keys = await DailyRun(pages[0]).Locator("[data-checklist-item]")
    .EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.itemKey)");
var samples = new List<TimeSpan>();
var lines = new List<string>();
for (var i = 0; i < ticks; i++)
{
    var key = keys[i / 2 % keys.Length];
    var actor = pages[i % 2];
    var watcher = pages[(i + 1) % 2];
    var item = $"[data-checklist-item][data-item-key='{key}']";
    var before = await DailyRun(watcher).Locator(item).GetAttributeAsync("data-ticked");
    var expected = before == "true" ? "false" : "true";
    await watcher.EvaluateAsync("""
        ([selector, expected]) => {
            const item = document.querySelector('[data-checklist-run]').querySelector(selector);
            window.benchSeen = new Promise(resolve => {
                const observer = new MutationObserver(() => {
                    if (item.getAttribute('data-ticked') === expected) { observer.disconnect(); resolve(Date.now()); }
                });
                observer.observe(item, { attributes: true, attributeFilter: ['data-ticked'] });
            });
        }
        """, new[] { item, expected });
    var clickedAt = await actor.EvaluateAsync<double>("""
        selector => { const box = document.querySelector('[data-checklist-run]').querySelector(selector + ' input[data-tick-button]'); const at = Date.now(); box.click(); return at; }
        """, item);
    var seen = await watcher.EvaluateAsync<double>("() => Promise.race([window.benchSeen, new Promise(r => setTimeout(() => r(-1), 10000))])");
    if (seen < 0)
    {
        lines.Add($"| {i + 1} | {key} | {(expected == "true" ? "tick" : "untick")} | page {i % 2 + 1} → {(i + 1) % 2 + 1} | not seen within 10 s |");
        continue;
    }
    var latency = TimeSpan.FromMilliseconds(seen - clickedAt);
    samples.Add(latency);
    lines.Add($"| {i + 1} | {key} | {(expected == "true" ? "tick" : "untick")} | page {i % 2 + 1} → {(i + 1) % 2 + 1} | {latency.TotalMilliseconds:0} ms |");
    // The acting page's own state settles (saved) before the next action.
    await Assertions.Expect(DailyRun(actor).Locator(item)).ToHaveAttributeAsync("data-ticked", expected);
}

var stats = new LatencyStats(samples);
var load = File.ReadAllText("/proc/loadavg").Split(' ')[0];
var report = $"""
    # Checklist tick latency (issue 10: "a tick in one browser appears in another — p95 over 20 ticks ≤ 1 s")

    Run it: `bench/TickLatency/run.sh` (builds, starts a private stack, a Release dashboard on its own database and
    Debian's Chromium; `bench/TickLatency/run.sh 40` for 40 ticks).

    Run {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC on {Environment.ProcessorCount} cores; machine load (1 min) at the end {load}.
    Two Chromium contexts signed in on one dashboard, `/checklists`, today's daily run; ticks alternate between the pages;
    each time is from `Date.now()` just before the click in the acting page to a `MutationObserver` seeing the other
    page's item change (`data-ticked`), both in the browser: circuit → hub method → PostgreSQL commit → NOTIFY →
    the other circuit's render → the DOM.

    **{samples.Count} of {ticks} ticks seen; median {stats.Median.TotalMilliseconds:0} ms, p95 {stats.P95.TotalMilliseconds:0} ms, max {(samples.Count > 0 ? samples.Max().TotalMilliseconds : double.NaN):0} ms** (target p95 ≤ 1,000 ms: {(samples.Count == ticks && stats.P95 <= TimeSpan.FromSeconds(1) ? "met" : "missed")}).

    | # | item | change | from → to | click → seen in the other page |
    |---:|---|---|---|---:|
    {string.Join("\n", lines)}

    """;
var path = Path.Combine(Env.RepoRoot, "bench", "TickLatency", "results.md");
await File.WriteAllTextAsync(path, report);
Console.WriteLine(report);
return samples.Count == ticks ? 0 : 1;

async Task<IPage> OpenAsync()
{
    var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1440, Height = 900 }, BaseURL = dashboard.BaseUrl });
    var page = await context.NewPageAsync();
    await page.GotoAsync("/account/login");
    await page.FillAsync("#email", BenchAdmin.Email);
    await page.FillAsync("#password", BenchAdmin.Password);
    await Task.WhenAll(page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal)), page.ClickAsync("button[type=submit]"));
    await page.GotoAsync("/checklists");
    var run = DailyRun(page);
    await Assertions.Expect(run).ToHaveAttributeAsync("data-interactive", "true", new() { Timeout = 60_000 });
    await Assertions.Expect(run.Locator("[data-checklist-connection]")).ToHaveAttributeAsync("data-state", "connected", new() { Timeout = 30_000 });
    return page;
}

// Today's daily run: the first run on the page.
static ILocator DailyRun(IPage page) => page.Locator("[data-checklist-run]").First;
