namespace BarberPro.Core.Incidents;

/// <summary>
/// What an incident form must hold before it is saved. Pure: each check returns a message per field (empty when all
/// is well), shown beside the field; the store is never asked to save what fails here.
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
            errors["title"] = "Give the incident a title.";
        }
        else if (t.Length > MaxTitleLength)
        {
            errors["title"] = $"At most {MaxTitleLength} characters.";
        }

        if (severity is null || !IncidentSeverities.All.Contains(severity))
        {
            errors["severity"] = "Choose a severity.";
        }

        if (string.IsNullOrWhiteSpace(leadUserId))
        {
            errors["lead"] = "Choose who leads.";
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
            errors["note"] = "Write the note first.";
        }
        else if (t.Length > MaxTextLength)
        {
            errors["note"] = $"At most {MaxTextLength} characters.";
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
            errors["summary"] = "Say what happened and how it was fixed.";
        }
        else if (s.Length > MaxTextLength)
        {
            errors["summary"] = $"At most {MaxTextLength} characters.";
        }

        var url = (postMortemUrl ?? "").Trim();
        if (url.Length > 0 && PostMortemLink(url) is null)
        {
            errors["postmortem"] = "A post-mortem link is a full web address starting with http:// or https://.";
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
