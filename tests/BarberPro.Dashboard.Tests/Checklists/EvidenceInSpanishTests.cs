using BarberPro.Core.Alerts;
using BarberPro.Core.Checklists;
using BarberPro.Core.Incidents;
using BarberPro.Dashboard.Localization;
using BarberPro.Dashboard.Tests.Infrastructure;
using BarberPro.Dashboard.Tests.Localization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace BarberPro.Dashboard.Tests.Checklists;

/// <summary>
/// The evidence beside the alert, window and incident items in the reader's language (the page says
/// <see cref="ChecklistEvidence.Words"/> through the resources), while the figure saved with a tick stays the English
/// one it read.
/// </summary>
public sealed class EvidenceInSpanishTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero); // Mon 30 Nov 09:00 ART

    private readonly ServiceProvider _services = new ServiceCollection().AddLogging().AddDashboardStrings().BuildServiceProvider();

    public void Dispose() => _services.Dispose();

    [Fact]
    public void InSpanish_TheCountsWindowsAndIncidents_ReadSpanish_AndTheStoredFigureStaysEnglish()
    {
        using var culture = CultureScope.Use("es-AR");
        var l = _services.GetRequiredService<IStringLocalizer<Strings>>();
        var (w1From, w1To) = MaintenanceWindowTime.ToUtc(new DateOnly(2026, 12, 1), new TimeOnly(2, 0), new TimeOnly(4, 0));
        var inbox = AlertInbox.Empty with
        {
            AsOf = Now,
            Alertmanager = AlertSourceStatus.Ok,
            Prometheus = AlertSourceStatus.Ok,
            Silences = [new Silence("w1", [SilenceMatcher.Exact("alertname", "HighErrorRate")], w1From, w1To, Now, "ana", "Database upgrade", SilenceState.Pending)],
            Overnight = new OvernightCount(Now.AddHours(-15), Now, 3),
        };

        var evidence = IncidentEvidence.Compute(ChecklistEvidenceKeys.All, inbox, new IncidentSummary(Now, 1, 2, 3, TimeSpan.FromMinutes(5)), Now);
        string Said(string key) => evidence[key].FigureIn(p => l.Say(p));

        Assert.Equal("Durante la noche (18:00–09:00 ART): 3 alertas · 1 incidente abierto", Said(ChecklistEvidenceKeys.OvernightAlerts));
        Assert.Equal("Para mañana: 1 ventana — mar 1 dic 02:00–04:00 ART", Said(ChecklistEvidenceKeys.WindowsTomorrow));
        Assert.Equal("2 post-mortems pendientes · 1 incidente abierto", Said(ChecklistEvidenceKeys.PostMortemsDue));
        Assert.Equal([], EnglishWords.In(string.Join(" ", evidence.Keys.Select(Said))));
        // What a tick saves: the English figure, whatever the ticker's language.
        Assert.Equal("3 alerts fired overnight (18:00–09:00 ART) · 1 incident open", evidence[ChecklistEvidenceKeys.OvernightAlerts].Figure);
    }
}
