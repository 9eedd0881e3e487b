using BarberPro.Core.Charts;
using BarberPro.Core.Live;
using BarberPro.Dashboard.Live;
using BarberPro.Dashboard.Localization;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BarberPro.Dashboard.Tests.Live;

/// <summary>
/// A bUnit context for the live components: the real <see cref="LiveViewStore"/> over a <see cref="LiveSnapshotStore"/>
/// the test publishes to (the store is the fake: no poller, no Prometheus), on the shared manual clock.
/// </summary>
public abstract class LiveComponentContext : BunitContext
{
    // 15:00:05 UTC is 12:00:05 in Argentina.
    protected static readonly DateTimeOffset At = new(2031, 3, 4, 15, 0, 5, TimeSpan.Zero);

    protected LiveComponentContext()
        : this(spanish: false)
    {
    }

    /// <param name="spanish">Also build the es-AR view of each snapshot from the resource files, as the dashboard does.</param>
    protected LiveComponentContext(bool spanish)
    {
        var options = Options.Create(new LiveOptions { PollInterval = TimeSpan.FromSeconds(5) });
        Snapshots = new LiveSnapshotStore(options);
        ILiveWords[] languages = spanish ? [.. ResourceLiveWords.AllBesidesEnglish(Strings())] : [];
        Views = new LiveViewStore(Snapshots, Time, options, languages);
        foreach (var words in languages)
        {
            Services.AddSingleton(words);
        }
        Markup = new LiveMarkup(Views);
        Services.AddSingleton(Snapshots);
        Services.AddSingleton(Views);
        Services.AddSingleton(Markup);
        Services.AddSingleton<TimeProvider>(Time);
        Services.AddDashboardStrings();
        // The bands the wall's panel board lists in words; their database never answers here (tests publish them).
        var nowhere = Npgsql.NpgsqlDataSource.Create("Host=127.0.0.1;Port=1;Timeout=1");
        Events = new ChartEventStore(new BarberPro.Core.Alerts.AlertHistoryStore(nowhere), new BarberPro.Core.Alerts.AlertInboxStore(),
            new BarberPro.Core.Incidents.IncidentStore(nowhere), new BarberPro.Core.Incidents.IncidentSummaryStore(), Time,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<ChartEventStore>.Instance);
        Services.AddSingleton(Events);
        JSInterop.Mode = JSRuntimeMode.Loose;
        // The charts have their own tests (Charts/ChartGridTests); here only what the page hands them matters.
        ComponentFactories.AddStub<BarberPro.Dashboard.Charts.ChartGrid>();
        ComponentFactories.AddStub<BarberPro.Dashboard.Incidents.MttrFigure>(); // its own tests: Incidents/MttrFigureTests
        Renderer.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
    }

    protected ManualTimeProvider Time { get; } = new(At);

    /// <summary>The dashboard's resources, as the app reads them.</summary>
    protected static Microsoft.Extensions.Localization.IStringLocalizer<Strings> Strings() =>
        new ServiceCollection().AddLogging().AddLocalization().BuildServiceProvider()
            .GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<Strings>>();

    protected LiveSnapshotStore Snapshots { get; }

    protected LiveViewStore Views { get; }

    protected ChartEventStore Events { get; }

    /// <summary>The tiles' shared HTML, one per context (tests count its renders).</summary>
    protected LiveMarkup Markup { get; }

    protected static Figure Fig(string key, string label, Level level, string display) =>
        new(key, label, 1, "n", display, level, "< 2");

    protected static PanelSnapshot Data(string key, string title, params Figure[] figures) =>
        new(key, title, PanelStatus.Data, At, null, null, figures, [], []);

    protected static LiveSnapshot Snapshot(long version, params PanelSnapshot[] panels) =>
        new(version, At, TimeSpan.FromSeconds(5), panels);

    protected static PanelSnapshot RedisDown() =>
        Data(PrometheusPanelSources.Dependencies, "Dependencies", Fig("pg", "PostgreSQL", Level.Ok, "up"), Fig("redis", "Redis", Level.Critical, "down"));

    protected static PanelSnapshot Calm(string key, string title) => Data(key, title, Fig("v", "Value", Level.Ok, "1"));

    protected static PanelSnapshot Alerts(params AlertItem[] alerts) =>
        Data(PrometheusPanelSources.Alerts, "Alerts",
            Fig("firing", "Firing", alerts.Any(a => a.State == "firing" && a.Severity == "critical") ? Level.Critical
                : alerts.Any(a => a.State == "firing") ? Level.Warning : Level.Ok, alerts.Count(a => a.State == "firing").ToString(System.Globalization.CultureInfo.InvariantCulture))) with
        {
            Alerts = alerts,
        };

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Views.Dispose();
            Markup.Dispose();
        }
        base.Dispose(disposing);
    }
}
