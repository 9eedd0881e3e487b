using System.Text.Json;
using BarberPro.Core.Alerts;
using BarberPro.Core.Charts;
using BarberPro.Core.Incidents;
using BarberPro.Core.Live;
using BarberPro.Core.Prometheus;
using Microsoft.Extensions.Options;

namespace BarberPro.Core.Tests.Charts;

/// <summary>Alert firing periods, maintenance windows and incidents as bands: clipping, lanes, labels in ART, the caption.</summary>
public sealed class ChartBandsTests
{
    /// <summary>Monday 10 March 2031, 15:15 UTC: 12:15 in Argentina.</summary>
    private static readonly DateTimeOffset Now = new(2031, 3, 10, 15, 15, 0, TimeSpan.Zero);

    private static readonly DateTimeOffset HourAgo = Now.AddHours(-1);

    private const long ThreeHoursMs = 3 * 3600 * 1000;

    [Fact]
    public void NoEvents_NoBands_NoAnnotations_NoCaption()
    {
        var bands = ChartBands.Clip([], HourAgo, Now);

        Assert.Empty(bands);
        Assert.Empty(ChartBands.Annotations(bands));
        Assert.Null(ChartBands.Caption(bands, Now));
        var annotations = ChartShaper.Annotations(ChartCatalog.Charts[ChartKeys.Latency], Empty(), new ThresholdOptions(), HourAgo, Now, bands);
        Assert.Empty(annotations.Xaxis);
    }

    [Fact]
    public void Bands_AreClippedToTheWindow_ButTheirLabelsSayTheRealTimes()
    {
        ChartEvent[] events =
        [
            Firing("Before", Now.AddHours(-3), Now.AddHours(-2)),
            Firing("HighErrorRate", Now.AddMinutes(-90), Now.AddMinutes(-30)),
            Firing("HighCPUUsage", Now.AddMinutes(-10), null, "warning"),
            new(ChartEventKind.Maintenance, Now.AddMinutes(-5), Now.AddHours(2), "database upgrade", ""),
            new(ChartEventKind.Maintenance, Now.AddMinutes(1), Now.AddHours(1), "tomorrow's window", ""),
        ];

        var bands = ChartBands.Clip(events, HourAgo, Now);

        Assert.Equal(["HighErrorRate", "HighCPUUsage", "database upgrade"], bands.Select(b => b.Event.Name));
        Assert.Equal((HourAgo, Now.AddMinutes(-30)), (bands[0].From, bands[0].To));
        Assert.Equal((Now.AddMinutes(-10), Now), (bands[1].From, bands[1].To));
        Assert.Equal((Now.AddMinutes(-5), Now), (bands[2].From, bands[2].To));
        Assert.Equal("✖ Critical: HighErrorRate firing 10:45–11:45 ART", bands[0].Text);
        Assert.Equal("▲ Warning: HighCPUUsage firing since 12:05 ART", bands[1].Text);
        Assert.Equal("Maintenance: database upgrade 12:10–14:15 ART", bands[2].Text);
    }

    [Fact]
    public void Labels_SayTheKindInWords_InArgentinaTime_WithTheDateWhenNotToday()
    {
        var incident = new ChartEvent(ChartEventKind.Incident, Now.AddMinutes(-25), null, "Checkout errors", "critical") { Number = 7 };
        var resolved = incident with { Start = Now.AddHours(-14), End = Now.AddHours(-13), Number = 6 };

        Assert.Equal("Incident #7 Checkout errors open since 11:50 ART", ChartBands.Label(incident, Now));
        // 01:15 and 02:15 UTC on the 10th are 22:15 and 23:15 ART on Sunday the 9th.
        Assert.Equal("Incident #6 Checkout errors Sun 9 Mar 22:15–Sun 9 Mar 23:15 ART", ChartBands.Label(resolved, Now));
        Assert.Equal("Maintenance window 12:00–13:00 ART",
            ChartBands.Label(new ChartEvent(ChartEventKind.Maintenance, Now.AddMinutes(-15), Now.AddMinutes(45), " ", ""), Now));
        Assert.Equal("● Alert: Custom firing since 12:00 ART", ChartBands.Label(Firing("Custom", Now.AddMinutes(-15), null, ""), Now));
        Assert.Equal("ℹ Info: Notice firing since 12:00 ART", ChartBands.Label(Firing("Notice", Now.AddMinutes(-15), null, "info"), Now));

        var longComment = new ChartEvent(ChartEventKind.Maintenance, Now.AddMinutes(-15), Now, new string('x', 60) + "\nsecond line", "");
        var label = ChartBands.Label(longComment, Now);
        Assert.Equal("Maintenance: " + new string('x', 47) + "… 12:00–12:15 ART", label);
    }

    [Fact]
    public void OverlappingBands_PutTheirLabelsInSeparateLanes_AndTheColourIsNeverAlone()
    {
        ChartEvent[] events =
        [
            Firing("A", Now.AddMinutes(-50), Now.AddMinutes(-20)),
            Firing("B", Now.AddMinutes(-45), Now.AddMinutes(-25), "warning"),
            new(ChartEventKind.Incident, Now.AddMinutes(-40), null, "Checkout", "critical") { Number = 3 },
            new(ChartEventKind.Maintenance, Now.AddMinutes(-35), Now.AddMinutes(-30), "db", ""),
            Firing("E", Now.AddMinutes(-33), Now.AddMinutes(-31)),
        ];

        var bands = ChartBands.Clip(events, HourAgo, Now);

        // Four rows of labels: the open incident takes the first, then the most recent; the oldest band, overlapping all
        // four labels, is shaded without a label of its own (the caption still names it).
        Assert.Equal([-1, 3, 0, 2, 1], bands.Select(b => b.Lane));
        Assert.Equal(["", "▲ Warning: B firing 11:30–11:50 ART", "Incident #3 Checkout open since 11:35 ART",
            "Maintenance: db 11:40–11:45 ART", "✖ Critical: E firing 11:42–11:44 ART"], ChartBands.Annotations(bands).Select(a => a.Label.Text));
        Assert.Contains("✖ Critical: A firing 11:25–11:55 ART", ChartBands.Caption(bands, Now), StringComparison.Ordinal);
        Assert.Equal([ChartShaper.CriticalColor, ChartShaper.WarningColor, ChartBands.IncidentColor, ChartBands.MaintenanceColor, ChartShaper.CriticalColor],
            bands.Select(b => b.Color));
        Assert.All(bands, b => Assert.Matches("^(✖ Critical|▲ Warning|Incident #3|Maintenance:)", b.Text));
        Assert.All(bands, b => Assert.False(b.LabelBefore));

        // A band that begins near the window's end has its label before its left edge (after it, the chart's edge would
        // cut it), in the first row (still firing); the older band's label, which it would cover, goes to the next.
        var later = ChartBands.Clip([events[0], Firing("Later", Now.AddMinutes(-2), null)], HourAgo, Now);
        Assert.Equal([1, 0], later.Select(b => b.Lane));
        Assert.True(later[1].LabelBefore);
        Assert.Equal("end", ChartBands.Annotations(later)[1].Label.TextAnchor);
    }

    [Fact]
    public void Annotations_AreShadedRangesInAxisTime_LabelledFromTheirLeftEdgeInTheirLane()
    {
        var bands = ChartBands.Clip(
            [Firing("HighErrorRate", Now.AddMinutes(-30), Now.AddMinutes(-20)), Firing("Blip", Now.AddMinutes(-25), Now.AddMinutes(-25))],
            HourAgo, Now);

        var json = JsonSerializer.SerializeToElement(new ApexAnnotations([], ChartBands.Annotations(bands)), ApexOptions.JsonOptions);
        var range = json.GetProperty("xaxis")[0];
        Assert.Equal(Now.AddMinutes(-30).ToUnixTimeMilliseconds() - ThreeHoursMs, range.GetProperty("x").GetInt64());
        Assert.Equal(Now.AddMinutes(-20).ToUnixTimeMilliseconds() - ThreeHoursMs, range.GetProperty("x2").GetInt64());
        Assert.Equal(ChartShaper.CriticalColor, range.GetProperty("fillColor").GetString());
        Assert.Equal(ChartBands.Opacity, range.GetProperty("opacity").GetDouble());
        Assert.Equal("start", range.GetProperty("label").GetProperty("textAnchor").GetString());
        Assert.Equal("horizontal", range.GetProperty("label").GetProperty("orientation").GetString());
        // Rows counted up from the foot of the plot, clear of the threshold labels above their lines.
        Assert.Equal("bottom", range.GetProperty("label").GetProperty("position").GetString());
        Assert.Equal(-(ChartBands.AxisGap + ChartBands.LaneHeight), range.GetProperty("label").GetProperty("offsetY").GetInt32());
        Assert.Equal("✖ Critical: HighErrorRate firing 11:45–11:55 ART", range.GetProperty("label").GetProperty("text").GetString());

        // A period without width is a line (no x2); the more recent, its label takes the first row.
        var line = json.GetProperty("xaxis")[1];
        Assert.False(line.TryGetProperty("x2", out _));
        Assert.Equal(-ChartBands.AxisGap, line.GetProperty("label").GetProperty("offsetY").GetInt32());
    }

    [Fact]
    public void TheCaption_ListsEveryBandInWords_WithWholeNames()
    {
        var comment = "Replace the primary database's disks and fail over to the replica in the other zone";
        var bands = ChartBands.Clip(
        [
            Firing("HighErrorRate", Now.AddMinutes(-30), Now.AddMinutes(-20)),
            new(ChartEventKind.Maintenance, Now.AddMinutes(-10), Now.AddMinutes(50), comment, ""),
        ], HourAgo, Now);

        Assert.Equal(
            $"Marked on the chart: ✖ Critical: HighErrorRate firing 11:45–11:55 ART; Maintenance: {comment} 12:05–13:05 ART.",
            ChartBands.Caption(bands, Now));
    }

    [Fact]
    public void AFiringAlertWithItsBand_IsNotMarkedASecondTimeFromTheSnapshot()
    {
        var snapshot = Empty() with
        {
            Panels =
            [
                new PanelSnapshot(PrometheusPanelSources.Alerts, "Alerts", PanelStatus.Data, Now, null, null, [], [], [])
                {
                    Alerts = [new AlertItem("HighErrorRate", "firing", "critical", "", Now.AddMinutes(-12)), new AlertItem("Other", "firing", "warning", "", Now.AddMinutes(-12))],
                },
            ],
        };
        var bands = ChartBands.Clip([Firing("HighErrorRate", Now.AddMinutes(-10), null)], HourAgo, Now);

        var x = ChartShaper.Annotations(ChartCatalog.Charts[ChartKeys.Latency], snapshot, new ThresholdOptions(), HourAgo, Now, bands).Xaxis;

        Assert.Equal(["✖ Critical: HighErrorRate firing since 12:05 ART", "Other firing · active since 12:03 ART"], x.Select(a => a.Label.Text));
    }

    [Fact]
    public void TheWallsNotices_NameTheWindowsInForceSoonestEndFirst_ThenTheOpenIncidents_WithTheDateWhenNotToday()
    {
        ChartEvent[] events =
        [
            new(ChartEventKind.Incident, Now.AddHours(-14), null, "Payments slow", "warning") { Number = 4 },
            new(ChartEventKind.Maintenance, Now.AddHours(-1), Now.AddHours(13), "", ""),
            new(ChartEventKind.Maintenance, Now.AddMinutes(-5), Now.AddMinutes(45), "database upgrade", ""),
            new(ChartEventKind.Maintenance, Now.AddMinutes(5), Now.AddMinutes(65), "not yet", ""),
            new(ChartEventKind.Incident, Now.AddHours(-2), Now.AddHours(-1), "resolved", "critical") { Number = 3 },
            Firing("HighErrorRate", Now.AddMinutes(-5), null),
        ];

        Assert.Equal(
        [
            "In maintenance until 13:00 ART: database upgrade",
            "In maintenance until Tue 11 Mar 01:15 ART",
            "Incident #4 open since Sun 9 Mar 22:15 ART: Payments slow",
        ], ChartBands.WallNotices(events, Now));
        Assert.Empty(ChartBands.WallNotices([Firing("HighErrorRate", Now.AddMinutes(-5), null)], Now));
    }

    [Fact]
    public void TheStore_BuildsEachFiringPeriodOnce_WindowsButNotQuickSilences_AndIncidentsOfTheHorizon()
    {
        var from = Now - ChartEventStore.Horizon;
        var labels = new Dictionary<string, string> { ["alertname"] = "HighErrorRate" };
        var start = Now.AddMinutes(-50);
        AlertTransition T(AlertTransitionState state, DateTimeOffset episode, DateTimeOffset at) =>
            new("fp1", "HighErrorRate", "critical", labels, new Dictionary<string, string>(), episode, state, "", at,
                state == AlertTransitionState.Resolved ? at - episode : null);
        Silence S(string id, string comment, DateTimeOffset starts, DateTimeOffset ends) =>
            new(id, [], starts, ends, starts, "ana", comment, SilenceState.Active);
        Incident I(long id, DateTimeOffset opened, DateTimeOffset? resolved) =>
            new(id, "Checkout errors", "critical", "u", "Ana", opened, "ana", resolved is null ? IncidentStatus.Open : IncidentStatus.Resolved, resolved, null, null, null);

        var events = ChartEventStore.Build(
            [new OpenEpisode("fp2", Now.AddMinutes(-5), "HighCPUUsage", "warning", labels, new Dictionary<string, string>(), [])],
            [T(AlertTransitionState.Resolved, start, Now.AddMinutes(-40)), T(AlertTransitionState.Firing, start, start),
             T(AlertTransitionState.Resolved, start, Now.AddMinutes(-40))],
            [S("w1", "database upgrade", Now.AddHours(-1), Now.AddHours(1)), S("q1", "Silenced from the inbox for 1 h", Now, Now.AddHours(1)),
             S("old", "last month", from.AddDays(-1), from.AddHours(-1))],
            [I(3, Now.AddMinutes(-20), null), I(2, Now.AddDays(-3), Now.AddDays(-2)), I(1, from.AddDays(-2), from.AddDays(-1))],
            from);

        Assert.Equal(
        [
            new ChartEvent(ChartEventKind.Firing, start, Now.AddMinutes(-40), "HighErrorRate", "critical"),
            new ChartEvent(ChartEventKind.Firing, Now.AddMinutes(-5), null, "HighCPUUsage", "warning"),
            new ChartEvent(ChartEventKind.Maintenance, Now.AddHours(-1), Now.AddHours(1), "database upgrade", ""),
            new ChartEvent(ChartEventKind.Incident, Now.AddDays(-3), Now.AddDays(-2), "Checkout errors", "critical") { Number = 2 },
            new ChartEvent(ChartEventKind.Incident, Now.AddMinutes(-20), null, "Checkout errors", "critical") { Number = 3 },
        ], events);
    }

    [Fact]
    public void Frames_CutTheBandsAtTheStep_SayThemInTheCaption_AndFollowANewVersionOfTheEvents()
    {
        var time = new ManualTimeProvider(Now);
        var store = Store(time);
        var catalog = new PanelQueryCatalog(Options.Create(new PanelQueryOptions()));
        var frames = new LiveChartFrames(Options.Create(new LiveOptions()), catalog, store);
        var snapshot = Empty() with { Version = 2, GeneratedAt = Now.AddSeconds(7) };

        var none = frames.For(snapshot, ChartKeys.Latency, "1h");
        Assert.Null(none.Caption);

        store.Publish([Firing("HighErrorRate", Now.AddMinutes(-10), null)], Now);
        var frame = frames.For(snapshot, ChartKeys.Latency, "1h");

        Assert.NotEqual(none.AnnotationsSignature, frame.AnnotationsSignature);
        Assert.Equal("Marked on the chart: ✖ Critical: HighErrorRate firing since 12:05 ART.", frame.Caption);
        var band = JsonDocument.Parse(frame.AnnotateJson).RootElement.GetProperty("annotations").GetProperty("xaxis")[0];
        // 12:15:07 floors to the 15 s step of the hour's series: the band ends at 12:15:00, as the drawn series does.
        Assert.Equal(Now.ToUnixTimeMilliseconds() - ThreeHoursMs, band.GetProperty("x2").GetInt64());
        Assert.False(JsonDocument.Parse(frame.AnnotateJson).RootElement.TryGetProperty("points", out _));
        Assert.Equal(frame.AnnotationsSignature, frames.For(snapshot, ChartKeys.Latency, "1h").AnnotationsSignature);

        // The same events read again: same version, the frame is not shaped again.
        var shaped = frames.Shaped;
        store.Publish([Firing("HighErrorRate", Now.AddMinutes(-10), null)], Now.AddMinutes(1));
        Assert.Same(frame, frames.For(snapshot, ChartKeys.Latency, "1h"));
        Assert.Equal(shaped, frames.Shaped);
    }

    private static ChartEventStore Store(TimeProvider time)
    {
        var nowhere = Npgsql.NpgsqlDataSource.Create("Host=127.0.0.1;Port=1;Timeout=1");
        return new ChartEventStore(new AlertHistoryStore(nowhere), new AlertInboxStore(), new IncidentStore(nowhere), new IncidentSummaryStore(),
            time, Microsoft.Extensions.Logging.Abstractions.NullLogger<ChartEventStore>.Instance);
    }

    private static ChartEvent Firing(string name, DateTimeOffset start, DateTimeOffset? end, string severity = "critical") =>
        new(ChartEventKind.Firing, start, end, name, severity);

    private static LiveSnapshot Empty() => new(1, Now, TimeSpan.FromSeconds(5), []);
}
