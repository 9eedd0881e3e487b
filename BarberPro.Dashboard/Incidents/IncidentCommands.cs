using BarberPro.Core.Alerts;
using BarberPro.Core.Incidents;
using BarberPro.Dashboard.Localization;
using BarberPro.Dashboard.Security;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Localization;
using Npgsql;

namespace BarberPro.Dashboard.Incidents;

/// <summary>
/// What an incident action came to: saved (with the incident's id), or not, with a message and the field problems, in
/// the reader's language; <see cref="Denied"/> when the role check refused it.
/// </summary>
public sealed record IncidentResult(bool Saved, string? Message, long? Id = null, IReadOnlyDictionary<string, string>? Errors = null)
{
    public IReadOnlyDictionary<string, string> FieldErrors => Errors ?? new Dictionary<string, string>();

    /// <summary>Refused by the role check (Operator+): the page hides its write controls.</summary>
    public bool Denied { get; init; }
}

/// <summary>
/// Every write to an incident, for the components (the inbox's one-click open, the incident pages). Each first re-checks
/// <see cref="IncidentPolicies.Write"/> on the server through <see cref="CircuitAccess"/> (a Viewer's circuit sending the
/// event by hand is refused before anything is read or written), then validates (<see cref="IncidentRules"/>), writes,
/// audits in <c>security_audit</c> with the author, and refreshes the summary. A database that does not answer is said in
/// words; the caller keeps what was typed. Messages and field problems (<see cref="IncidentProblems"/> codes from
/// <see cref="IncidentRules"/>) are returned in the circuit's language. Scoped (one per circuit).
/// </summary>
public sealed partial class IncidentCommands(
    CircuitAccess access,
    AuthenticationStateProvider authentication,
    IncidentStore store,
    IncidentRecorder recorder,
    SecurityAudit audit,
    TimeProvider time,
    IStringLocalizer<Strings> words,
    ILogger<IncidentCommands> logger)
{

    /// <summary>Opens an incident by hand: title, severity, who leads.</summary>
    public Task<IncidentResult> OpenAsync(string? title, string? severity, string? leadUserId, CancellationToken cancellationToken)
    {
        var errors = IncidentRules.CheckOpen(title, severity, leadUserId);
        return errors.Count > 0
            ? Task.FromResult(new IncidentResult(false, null, Errors: Words(errors)))
            : OpenAsync(new NewIncident(title!.Trim(), severity!, leadUserId), cancellationToken);
    }

    /// <summary>
    /// Opens an incident from a firing alert, in one click: its name and summary as title, its severity, the author
    /// leading, the alert linked. When an open incident is already linked to the alert (someone opened it a moment ago,
    /// before this page heard of it), nothing is opened: the result is that incident, not saved.
    /// </summary>
    public Task<IncidentResult> OpenFromAlertAsync(InboxAlert alert, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var title = string.IsNullOrWhiteSpace(alert.Summary) ? alert.AlertName : $"{alert.AlertName}: {alert.Summary}";
        if (title.Length > IncidentRules.MaxTitleLength)
        {
            title = title[..(IncidentRules.MaxTitleLength - 1)] + "…";
        }

        var severity = IncidentSeverities.All.Contains(alert.Severity) ? alert.Severity : IncidentSeverities.Warning;
        var incident = new NewIncident(title, severity, null, new IncidentAlert(alert.Fingerprint, alert.AlertName, alert.Since));
        return WriteAsync(new Dictionary<string, string>(), async (author, now, ct) =>
        {
            try
            {
                return await OpenAsync(incident, author, now, ct);
            }
            catch (IncidentAlreadyOpenException already)
            {
                return new IncidentResult(false, words["Incidents_AlreadyOpen", already.Id], already.Id);
            }
        }, cancellationToken);
    }

    public Task<IncidentResult> AddNoteAsync(long id, string? text, CancellationToken cancellationToken) =>
        WriteAsync(IncidentRules.CheckNote(text), async (author, now, ct) =>
            await store.AddNoteAsync(id, text!, author, now, ct)
                ? await DoneAsync(IncidentAuditKinds.Noted, author, id, null, words["Incidents_NoteAdded"], ct)
                : new IncidentResult(false, words["Incidents_NoSuchIncident"]), cancellationToken);

    public Task<IncidentResult> ResolveAsync(long id, string? summary, string? postMortemUrl, CancellationToken cancellationToken) =>
        WriteAsync(IncidentRules.CheckResolve(summary, postMortemUrl), async (author, now, ct) =>
            await store.ResolveAsync(id, summary!, string.IsNullOrWhiteSpace(postMortemUrl) ? null : postMortemUrl, author, now, ct)
                ? await DoneAsync(IncidentAuditKinds.Resolved, author, id,
                    string.IsNullOrWhiteSpace(postMortemUrl) ? "no post-mortem link" : $"post-mortem {postMortemUrl.Trim()}", words["Incidents_ResolvedDone"], ct)
                : new IncidentResult(false, words["Incidents_AlreadyResolved"]), cancellationToken);

    public Task<IncidentResult> ReopenAsync(long id, CancellationToken cancellationToken) =>
        WriteAsync(new Dictionary<string, string>(), async (author, now, ct) =>
            await store.ReopenAsync(id, author, now, ct)
                ? await DoneAsync(IncidentAuditKinds.Reopened, author, id, null, words["Incidents_ReopenedDone"], ct)
                : new IncidentResult(false, words["Incidents_AlreadyOpenAgain"]), cancellationToken);

    private Task<IncidentResult> OpenAsync(NewIncident incident, CancellationToken cancellationToken) =>
        WriteAsync(new Dictionary<string, string>(), (author, now, ct) => OpenAsync(incident, author, now, ct), cancellationToken);

    private async Task<IncidentResult> OpenAsync(NewIncident incident, string author, DateTimeOffset now, CancellationToken cancellationToken) =>
        await store.OpenAsync(incident, author, now, cancellationToken) is { } id
            ? await DoneAsync(IncidentAuditKinds.Opened, author, id,
                $"{incident.Severity}: {incident.Title}" + (incident.Alert is { } a ? $" (from alert {a.AlertName}, {a.Fingerprint})" : ""), words["Incidents_OpenedDone"], cancellationToken)
            : new IncidentResult(false, words["Incidents_LeadNotAUser"], Errors: Words(new Dictionary<string, string> { ["lead"] = IncidentProblems.LeadUnknown }));

    private async Task<IncidentResult> WriteAsync(Dictionary<string, string> errors,
        Func<string, DateTimeOffset, CancellationToken, Task<IncidentResult>> write, CancellationToken cancellationToken)
    {
        if (!await access.IsAllowedAsync(IncidentPolicies.Write, cancellationToken))
        {
            return new IncidentResult(false, access.RefusalMessage == CircuitAccess.DeniedMessage ? words["Incidents_Denied"] : access.RefusalMessage) { Denied = true };
        }

        if (errors.Count > 0)
        {
            return new IncidentResult(false, null, Errors: Words(errors));
        }

        var author = (await authentication.GetAuthenticationStateAsync()).User.Identity?.Name ?? "unknown";
        try
        {
            return await write(author, time.GetUtcNow(), cancellationToken);
        }
        catch (NpgsqlException ex)
        {
            LogWriteFailed(ex);
            return new IncidentResult(false, words["Incidents_DatabaseDown"]);
        }
    }

    private async Task<IncidentResult> DoneAsync(string kind, string author, long id, string? detail, string message, CancellationToken cancellationToken)
    {
        await audit.RecordAsync(kind, author, $"incident {id}", null, detail, cancellationToken);
        try
        {
            await recorder.RefreshAsync(timelinesChanged: true, cancellationToken);
        }
        catch (NpgsqlException ex)
        {
            // Saved; the figures catch up at the recorder's next round.
            LogWriteFailed(ex);
        }

        return new IncidentResult(true, message, id);
    }

    /// <summary>The field problems of <see cref="IncidentRules"/> (codes) in the reader's words.</summary>
    private Dictionary<string, string> Words(Dictionary<string, string> problems) =>
        problems.ToDictionary(p => p.Key, p => ProblemText(p.Value), StringComparer.Ordinal);

    private string ProblemText(string problem) => problem switch
    {
        IncidentProblems.TitleMissing => words["Incidents_TitleMissing"],
        IncidentProblems.TitleTooLong => words["Incidents_TooLong", IncidentRules.MaxTitleLength],
        IncidentProblems.SeverityMissing => words["Incidents_SeverityMissing"],
        IncidentProblems.LeadMissing => words["Incidents_LeadMissing"],
        IncidentProblems.LeadUnknown => words["Incidents_LeadUnknown"],
        IncidentProblems.NoteMissing => words["Incidents_NoteMissing"],
        IncidentProblems.SummaryMissing => words["Incidents_SummaryMissing"],
        IncidentProblems.TextTooLong => words["Incidents_TooLong", IncidentRules.MaxTextLength],
        IncidentProblems.PostMortemNotALink => words["Incidents_PostMortemNotALink"],
        _ => problem,
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Incident write not saved: the database did not answer")]
    private partial void LogWriteFailed(Exception ex);
}
