using BarberPro.Core.Alerts;
using BarberPro.Core.Incidents;
using BarberPro.Dashboard.Security;
using Microsoft.AspNetCore.Components.Authorization;
using Npgsql;

namespace BarberPro.Dashboard.Incidents;

/// <summary>What an incident action came to: saved (with the incident's id), or not, with a message and the field problems.</summary>
public sealed record IncidentResult(bool Saved, string? Message, long? Id = null, IReadOnlyDictionary<string, string>? Errors = null)
{
    public IReadOnlyDictionary<string, string> FieldErrors => Errors ?? new Dictionary<string, string>();
}

/// <summary>
/// Every write to an incident, for the components (the inbox's one-click open, the incident pages). Each first re-checks
/// <see cref="IncidentPolicies.Write"/> on the server through <see cref="CircuitAccess"/> (a Viewer's circuit sending the
/// event by hand is refused before anything is read or written), then validates (<see cref="IncidentRules"/>), writes,
/// audits in <c>security_audit</c> with the author, and refreshes the summary. A database that does not answer is said in
/// words; the caller keeps what was typed. Scoped (one per circuit).
/// </summary>
public sealed partial class IncidentCommands(
    CircuitAccess access,
    AuthenticationStateProvider authentication,
    IncidentStore store,
    IncidentRecorder recorder,
    SecurityAudit audit,
    TimeProvider time,
    ILogger<IncidentCommands> logger)
{
    public const string DeniedText = "Incidents can be opened and written by Operators and above.";
    public const string DatabaseDownText = "Not saved: the dashboard's database is not answering. Try again in a moment.";

    /// <summary>Opens an incident by hand: title, severity, who leads.</summary>
    public Task<IncidentResult> OpenAsync(string? title, string? severity, string? leadUserId, CancellationToken cancellationToken)
    {
        var errors = IncidentRules.CheckOpen(title, severity, leadUserId);
        return errors.Count > 0
            ? Task.FromResult(new IncidentResult(false, null, Errors: errors))
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
                return new IncidentResult(false, already.Message, already.Id);
            }
        }, cancellationToken);
    }

    public Task<IncidentResult> AddNoteAsync(long id, string? text, CancellationToken cancellationToken) =>
        WriteAsync(IncidentRules.CheckNote(text), async (author, now, ct) =>
            await store.AddNoteAsync(id, text!, author, now, ct)
                ? await DoneAsync(IncidentAuditKinds.Noted, author, id, null, "Note added.", ct)
                : new IncidentResult(false, "That incident does not exist."), cancellationToken);

    public Task<IncidentResult> ResolveAsync(long id, string? summary, string? postMortemUrl, CancellationToken cancellationToken) =>
        WriteAsync(IncidentRules.CheckResolve(summary, postMortemUrl), async (author, now, ct) =>
            await store.ResolveAsync(id, summary!, string.IsNullOrWhiteSpace(postMortemUrl) ? null : postMortemUrl, author, now, ct)
                ? await DoneAsync(IncidentAuditKinds.Resolved, author, id,
                    string.IsNullOrWhiteSpace(postMortemUrl) ? "no post-mortem link" : $"post-mortem {postMortemUrl.Trim()}", "Incident resolved.", ct)
                : new IncidentResult(false, "Not resolved: it is already resolved (someone else may have just done it)."), cancellationToken);

    public Task<IncidentResult> ReopenAsync(long id, CancellationToken cancellationToken) =>
        WriteAsync(new Dictionary<string, string>(), async (author, now, ct) =>
            await store.ReopenAsync(id, author, now, ct)
                ? await DoneAsync(IncidentAuditKinds.Reopened, author, id, null, "Incident reopened.", ct)
                : new IncidentResult(false, "Not reopened: it is already open (someone else may have just done it)."), cancellationToken);

    private Task<IncidentResult> OpenAsync(NewIncident incident, CancellationToken cancellationToken) =>
        WriteAsync(new Dictionary<string, string>(), (author, now, ct) => OpenAsync(incident, author, now, ct), cancellationToken);

    private async Task<IncidentResult> OpenAsync(NewIncident incident, string author, DateTimeOffset now, CancellationToken cancellationToken) =>
        await store.OpenAsync(incident, author, now, cancellationToken) is { } id
            ? await DoneAsync(IncidentAuditKinds.Opened, author, id,
                $"{incident.Severity}: {incident.Title}" + (incident.Alert is { } a ? $" (from alert {a.AlertName}, {a.Fingerprint})" : ""), "Incident opened.", cancellationToken)
            : new IncidentResult(false, "Not opened: the lead is not a user of the dashboard.", Errors: new Dictionary<string, string> { ["lead"] = "Choose a user of the dashboard." });

    private async Task<IncidentResult> WriteAsync(Dictionary<string, string> errors,
        Func<string, DateTimeOffset, CancellationToken, Task<IncidentResult>> write, CancellationToken cancellationToken)
    {
        if (!await access.IsAllowedAsync(IncidentPolicies.Write, cancellationToken))
        {
            return new IncidentResult(false, access.RefusalMessage == CircuitAccess.DeniedMessage ? DeniedText : access.RefusalMessage);
        }

        if (errors.Count > 0)
        {
            return new IncidentResult(false, null, Errors: errors);
        }

        var author = (await authentication.GetAuthenticationStateAsync()).User.Identity?.Name ?? "unknown";
        try
        {
            return await write(author, time.GetUtcNow(), cancellationToken);
        }
        catch (NpgsqlException ex)
        {
            LogWriteFailed(ex);
            return new IncidentResult(false, DatabaseDownText);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Incident write not saved: the database did not answer")]
    private partial void LogWriteFailed(Exception ex);
}
