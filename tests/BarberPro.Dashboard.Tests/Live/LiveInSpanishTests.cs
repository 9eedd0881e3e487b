using System.Text.Json;
using BarberPro.Core.Live;
using BarberPro.Dashboard.Live;
using BarberPro.Dashboard.Tests.Infrastructure;
using BarberPro.Dashboard.Tests.Localization;
using Bunit;
using BarberPro.Core.Text;

namespace BarberPro.Dashboard.Tests.Live;

/// <summary>
/// The live screens under es-AR: every word from the Spanish view of the snapshot (built once for every Spanish circuit),
/// numbers written the Argentine way, times still in ART; English circuits of the same process keep reading English.
/// </summary>
public sealed class LiveInSpanishTests() : LiveComponentContext(spanish: true)
{
    /// <summary>Panels as the panel sources say them: phrases, so each language's view has its words.</summary>
    private static LiveSnapshot Said(long version) => Snapshot(version,
        Data(PrometheusPanelSources.Throughput, "Throughput",
            Figure.Said("rps", Phrase.Of("Live_Fig_RequestsNow", "Requests/s now"), 1234.4, "rps", Says.Rate(1234.4), Level.Warning,
                Phrase.Of("Live_Target_Sustained", "≤ {0} sustained", Says.Rate(1000)))),
        Data(PrometheusPanelSources.CostRate, "Compute cost rate",
            Figure.Said("perHour", Phrase.Of("Live_Fig_ComputeNow", "Compute now"), 1234.5, "usd/h", Says.UsdPerHour(1234.5), Level.Ok,
                Phrase.Of("Live_Target_PodHour", "{0} per pod-hour blended", Says.Usd(0.05)))),
        Data(PrometheusPanelSources.Dependencies, "Dependencies",
            Figure.Said("redis", Phrase.Text("Redis"), 0, "up", Says.UpDown(0), Level.Critical, Says.UpDown(1))),
        Data(PrometheusPanelSources.Scaling, "Scaling",
            Figure.Said("cpu", Phrase.Of("Live_Fig_Cpu", "CPU vs request"), 0.625, "ratio", Says.Percent(0.625, 1), Level.Ok,
                Phrase.Of("Live_Target_Target", "target {0}", Says.Percent(0.7, 0)))),
        Alerts(new AlertItem("RedisDown", AlertStates.Firing, AlertStates.CriticalSeverity, "", At.AddMinutes(-3))));

    [Fact]
    public void TheOverview_InSpanish_ReadsSpanish_WithArgentineNumbers_AndArgentinaTimes()
    {
        using var culture = CultureScope.Use("es-AR");
        Snapshots.Publish(Said(1));

        var page = Render<OverviewPage>();

        Assert.Equal("Resumen en vivo", page.Find("h1").TextContent);
        Assert.Equal("Caído: Dependencias (Redis); RedisDown disparada", page.Find("[data-banner-text]").TextContent);
        Assert.Equal("US$ 1.234,50/h", page.Find("[data-panel=cost] [data-figure=perHour] [data-value]").TextContent);
        Assert.Equal("1.234 rps", page.Find("[data-panel=throughput] [data-figure=rps] [data-value]").TextContent);
        Assert.Equal(" · ≤ 1.000 rps sostenido", page.Find("[data-panel=throughput] [data-target]").TextContent);
        Assert.Equal("62,5 %", page.Find("[data-panel=scaling] [data-figure=cpu] [data-value]").TextContent);
        Assert.Equal("caído", page.Find("[data-panel=dependencies] [data-figure=redis] [data-value]").TextContent);
        Assert.Equal("Crítico", page.Find("[data-panel=dependencies] [data-figure=redis] [data-figure-state]").TextContent);
        Assert.Equal("a las 12:00:05", page.Find("[data-panel=dependencies] [data-asof]").TextContent);
        Assert.Equal("disparada", page.Find("[data-alert-list] .alert-state").TextContent);
        Assert.Equal("Escalados de la última hora", page.Find("[data-panel=scaling] .list-title").TextContent);
        // The hooks stay the same in every language.
        Assert.Equal("down", page.Find("[data-banner]").GetAttribute("data-level"));
        Assert.Equal("critical", page.Find("[data-panel=dependencies]").GetAttribute("data-level"));
        Assert.Equal([], EnglishWords.In(page.Find("[data-live-root]").TextContent));
    }

    [Fact]
    public void TheWall_InSpanish_ReadsSpanish()
    {
        using var culture = CultureScope.Use("es-AR");
        Snapshots.Publish(Said(1));
        Events.Publish(
        [
            new BarberPro.Core.Charts.ChartEvent(BarberPro.Core.Charts.ChartEventKind.Maintenance, At.AddHours(-1), At.AddHours(2), "actualización de la base", ""),
            new BarberPro.Core.Charts.ChartEvent(BarberPro.Core.Charts.ChartEventKind.Incident, At.AddMinutes(-25), null, "Errores en el pago", "critical") { Number = 7 },
        ], At);

        var wall = Render<WallPage>();

        Assert.Equal(["En mantenimiento hasta las 14:00 ART: actualización de la base", "Incidente #7 abierto desde las 11:35 ART: Errores en el pago"],
            wall.FindAll("[data-wall-notices] li").Select(li => li.TextContent));
        Assert.Equal("Mantenimiento e incidentes", wall.Find("[data-wall-notices]").GetAttribute("aria-label"));

        Assert.Equal("Caído: Dependencias (Redis); RedisDown disparada", wall.Find("[data-banner-text]").TextContent);
        Assert.Equal(["Tráfico", "Costo de cómputo por hora", "Dependencias", "Escalado", "Alertas"], wall.FindAll("[data-panel] h2").Select(h => h.TextContent));
        Assert.Equal("en vivo", wall.Find("[data-live-connection]").TextContent);
        Assert.Equal([], EnglishWords.In(wall.Find("[data-live-root]").TextContent));

        Snapshots.Publish(Said(2) with { Panels = [Calm(PrometheusPanelSources.Latency, "Latency")] });
        wall.WaitForAssertion(() => Assert.Equal("Todos los sistemas normales", wall.Find("[data-banner-text]").TextContent));
    }

    [Fact]
    public void TheChip_InSpanish_SaysTheStateAndTheFiringAlerts()
    {
        using var culture = CultureScope.Use("es-AR");
        Snapshots.Publish(Said(1));

        var chip = Render<LiveStatusChip>();

        Assert.Equal(("Caído", "· 1 alerta disparada", "· 1"),
            (chip.Find("[data-chip-state]").TextContent, chip.Find("[data-chip-firing]").TextContent, chip.Find("[data-chip-count]").TextContent));
    }

    /// <summary>Nothing firing: phones show the state in a word, not "▲ 0".</summary>
    [Fact]
    public void TheChip_ShowsNoCount_WhileNothingFires()
    {
        Snapshots.Publish(Snapshot(1, Calm(PrometheusPanelSources.Latency, "Latency"), Alerts()));

        var chip = Render<LiveStatusChip>();

        Assert.Equal("Normal", chip.Find("[data-chip-state]").TextContent);
        Assert.Empty(chip.FindAll("[data-chip-count]"));
    }

    [Fact]
    public void SpanishAndEnglishCircuits_OfOneProcess_EachReadTheirLanguage_FromOneViewPerLanguage()
    {
        Snapshots.Publish(Said(1));
        var english = Render<OverviewPage>();
        IRenderedComponent<OverviewPage> spanish;
        using (CultureScope.Use("es-AR"))
        {
            spanish = Render<OverviewPage>();
        }

        Assert.Equal("Down: Dependencies (Redis); RedisDown firing", english.Find("[data-banner-text]").TextContent);
        Assert.Equal("Caído: Dependencias (Redis); RedisDown disparada", spanish.Find("[data-banner-text]").TextContent);
        Assert.Equal("US$ 1,234.50/h", english.Find("[data-panel=cost] [data-figure=perHour] [data-value]").TextContent);
        // Two views of the empty snapshot at start, then two of this one: per language, not per circuit.
        Assert.Equal(4, Views.ViewsBuilt);
        Assert.Same(Views.CurrentIn("es-AR"), Views.CurrentIn("es-AR"));
        Assert.Equal("es-AR", Views.CurrentIn("es-AR").Language);
        Assert.Equal("en", Views.Current.Language);
    }

    /// <summary>The English words in the resources are the ones Core writes (the snapshot's and the live API's).</summary>
    [Fact]
    public void TheEnglishResources_SayWhatCoreSays()
    {
        var fromResources = new ResourceLiveWords(Strings(), "en");
        var snapshot = Said(3);

        Assert.True(fromResources.Count > 100, $"{fromResources.Count} Live_ words in English");
        Assert.Equal(JsonSerializer.Serialize(LiveViewBuilder.Build(snapshot)), JsonSerializer.Serialize(LiveViewBuilder.Build(snapshot, fromResources)));
        Assert.Equal(JsonSerializer.Serialize(LiveViewBuilder.Build(snapshot, At.AddSeconds(20))),
            JsonSerializer.Serialize(LiveViewBuilder.Build(snapshot, fromResources, At.AddSeconds(20))));
    }
}
