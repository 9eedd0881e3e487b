namespace BarberPro.Core.Incidents;

/// <summary>
/// What an incident form must hold before it is saved. Pure: each check returns a problem per field (empty when all
/// is well), as one of the <see cref="IncidentProblems"/> codes: the page says it beside the field in the reader's
/// language (the limits are <see cref="MaxTitleLength"/> and <see cref="MaxTextLength"/>); the store is never asked to
/// save what fails here.
/// </summary>
public static class IncidentRules
{
    public const int MaxTitleLength = 200;
    public const int MaxTextLength = 4000;
    public const int MaxUrlLength = 2000;

    /// <summary>An incident opened by hand: a title, one of the severities, a lead.</summary>
    public static Dictionary<string, string> CheckOpen(string? title, string? severity, string? leadUserId)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var t = (title ?? "").Trim();
        if (t.Length == 0)
        {
            errors["title"] = IncidentProblems.TitleMissing;
        }
        else if (t.Length > MaxTitleLength)
        {
            errors["title"] = IncidentProblems.TitleTooLong;
        }

        if (severity is null || !IncidentSeverities.All.Contains(severity))
        {
            errors["severity"] = IncidentProblems.SeverityMissing;
        }

        if (string.IsNullOrWhiteSpace(leadUserId))
        {
            errors["lead"] = IncidentProblems.LeadMissing;
        }

        return errors;
    }

    /// <summary>A note: some text, not too long.</summary>
    public static Dictionary<string, string> CheckNote(string? text)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var t = (text ?? "").Trim();
        if (t.Length == 0)
        {
            errors["note"] = IncidentProblems.NoteMissing;
        }
        else if (t.Length > MaxTextLength)
        {
            errors["note"] = IncidentProblems.TextTooLong;
        }

        return errors;
    }

    /// <summary>A resolution: a summary, and a post-mortem link that is an absolute http or https address when given.</summary>
    public static Dictionary<string, string> CheckResolve(string? summary, string? postMortemUrl)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var s = (summary ?? "").Trim();
        if (s.Length == 0)
        {
            errors["summary"] = IncidentProblems.SummaryMissing;
        }
        else if (s.Length > MaxTextLength)
        {
            errors["summary"] = IncidentProblems.TextTooLong;
        }

        var url = (postMortemUrl ?? "").Trim();
        if (url.Length > 0 && PostMortemLink(url) is null)
        {
            errors["postmortem"] = IncidentProblems.PostMortemNotALink;
        }

        return errors;
    }

    /// <summary>The link as a URI when it is an absolute http(s) address with a host (no javascript:, data:, file: or relative paths), else null.</summary>
    public static Uri? PostMortemLink(string? url)
    {
        if (string.IsNullOrWhiteSpace(url) || url.Length > MaxUrlLength
            || !Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || string.IsNullOrEmpty(uri.Host))
        {
            return null;
        }

        return uri;
    }
}

/// <summary>What <see cref="IncidentRules"/> finds wrong with a field: codes the pages turn into words.</summary>
public static class IncidentProblems
{
    public const string TitleMissing = "title-missing";
    public const string TitleTooLong = "title-too-long";
    public const string SeverityMissing = "severity-missing";
    public const string LeadMissing = "lead-missing";
    public const string LeadUnknown = "lead-unknown";
    public const string NoteMissing = "note-missing";
    public const string SummaryMissing = "summary-missing";
    public const string TextTooLong = "text-too-long";
    public const string PostMortemNotALink = "postmortem-not-a-link";
}
