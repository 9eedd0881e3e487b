using System.Globalization;
using System.Text.RegularExpressions;
using BarberPro.Core.Text;

namespace BarberPro.Core.Checklists;

/// <summary>
/// Input limits and parsing shared by the form endpoints, the hub and the store. Every refusal comes with a message a
/// user can act on; nothing is stored when input is refused.
/// </summary>
public static partial class ChecklistRules
{
    public const int MaxNoteLength = 1000;
    public const int MaxTitleLength = 200;
    public const int MaxActorNameLength = 256;
    public const int MaxItemKeyLength = 100;

    /// <summary>Lower-case letters, digits, dots and dashes: safe in URLs, element ids and NOTIFY payloads.</summary>
    [GeneratedRegex("^[a-z0-9][a-z0-9.-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex ItemKeyPattern();

    public static bool IsValidItemKey(string? key) =>
        key is { Length: > 0 and <= MaxItemKeyLength } && ItemKeyPattern().IsMatch(key);

    public static bool TryParseRunId(string? text, out long runId) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out runId) && runId > 0;

    public static bool TryParseVersion(string? text, out int version) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out version);

    public static bool TryParseIdempotencyKey(string? text, out Guid key) =>
        Guid.TryParseExact(text?.Trim() ?? "", "D", out key) && key != Guid.Empty;

    public static bool TryParseKind(string? text, out ChecklistChangeKind kind)
    {
        switch (text)
        {
            case "tick":
                kind = ChecklistChangeKind.Tick;
                return true;
            case "untick":
                kind = ChecklistChangeKind.Untick;
                return true;
            case "note":
                kind = ChecklistChangeKind.Note;
                return true;
            default:
                kind = default;
                return false;
        }
    }

    public static string KindName(ChecklistChangeKind kind) => kind switch
    {
        ChecklistChangeKind.Tick => "tick",
        ChecklistChangeKind.Untick => "untick",
        _ => "note",
    };

    /// <summary>The note as stored (trimmed, empty means none), or an error message (English; <see cref="NoteProblem"/>
    /// is the same as a <see cref="Phrase"/>).</summary>
    public static string? ValidateNote(string? note, out string? normalized) => NoteProblem(note, out normalized)?.English;

    /// <summary>The note as stored (trimmed, empty means none), or what is wrong with it.</summary>
    public static Phrase? NoteProblem(string? note, out string? normalized)
    {
        normalized = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (normalized is null)
        {
            return null;
        }
        if (normalized.Length > MaxNoteLength)
        {
            var length = normalized.Length;
            normalized = null;
            return Phrase.Of("Checklists_Rule_NoteLength", "The note has {0} characters; the limit is {1}. Nothing was saved.", length, MaxNoteLength);
        }
        if (normalized.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')))
        {
            normalized = null;
            return Phrase.Of("Checklists_Rule_NoteControl", "The note contains control characters. Nothing was saved.");
        }
        return null;
    }

    /// <summary>A template item title (trimmed), or an error message (English; <see cref="TitleProblem"/> is the same as
    /// a <see cref="Phrase"/>).</summary>
    public static string? ValidateTitle(string? title, out string normalized) => TitleProblem(title, out normalized)?.English;

    /// <summary>A template item title (trimmed), or what is wrong with it.</summary>
    public static Phrase? TitleProblem(string? title, out string normalized)
    {
        normalized = title?.Trim() ?? "";
        if (normalized.Length == 0)
        {
            return Phrase.Of("Checklists_Rule_TitleEmpty", "The item needs a title.");
        }
        if (normalized.Length > MaxTitleLength)
        {
            return Phrase.Of("Checklists_Rule_TitleLength", "The title has {0} characters; the limit is {1}.", normalized.Length, MaxTitleLength);
        }
        if (normalized.Any(char.IsControl))
        {
            return Phrase.Of("Checklists_Rule_TitleControl", "The title contains control characters.");
        }
        return null;
    }

    /// <summary>
    /// Ticking an item whose measured figure fails its target needs a note saying why it is ticked anyway; an item
    /// without a figure, or whose figure passes, needs none.
    /// </summary>
    public static bool TickNeedsNote(ChecklistEvidence? evidence, string? note) =>
        evidence is { Passed: false } && string.IsNullOrWhiteSpace(note);

    /// <summary>Validates a whole change request; the first problem found, or null.</summary>
    public static string? Validate(ChecklistChangeRequest request)
    {
        if (request.RunId <= 0)
        {
            return "The run id must be a positive number.";
        }
        if (!IsValidItemKey(request.ItemKey))
        {
            return "The item key is malformed.";
        }
        if (request.ExpectedVersion < 0)
        {
            return "The item version must be zero or more.";
        }
        if (request.IdempotencyKey == Guid.Empty)
        {
            return "The idempotency key must be a UUID.";
        }
        if (!Enum.IsDefined(request.Kind))
        {
            return "The change must be tick, untick or note.";
        }
        if (request.Kind != ChecklistChangeKind.Note && request.Note is not null)
        {
            return "Only a note change carries a note.";
        }
        return request.Kind == ChecklistChangeKind.Note ? ValidateNote(request.Note, out _) : null;
    }

    /// <summary>"Check SSL certificate status" becomes "check-ssl-certificate-status" (for new item keys).</summary>
    public static string Slug(string title)
    {
        var chars = new List<char>(title.Length);
        foreach (var c in title.ToLowerInvariant())
        {
            if (c is (>= 'a' and <= 'z') or (>= '0' and <= '9'))
            {
                chars.Add(c);
            }
            else if (chars.Count > 0 && chars[^1] != '-')
            {
                chars.Add('-');
            }
        }
        var slug = new string(chars.ToArray()).Trim('-');
        if (slug.Length > 40)
        {
            slug = slug[..40].TrimEnd('-');
        }
        return slug.Length == 0 ? "item" : slug;
    }
}

/// <summary>Input that breaks <see cref="ChecklistRules"/>, or names something that does not exist. Maps to 400.</summary>
public sealed class ChecklistInputException : Exception
{
    public ChecklistInputException()
    {
    }

    public ChecklistInputException(string message) : base(message)
    {
    }

    /// <summary>A problem a page words in its reader's language (<see cref="Exception.Message"/> is the English).</summary>
    public ChecklistInputException(Phrase problem) : base(problem?.English)
    {
        Problem = problem;
    }

    /// <summary>What is wrong, as a phrase, when it is one a person can cause from a page; null for the API's own.</summary>
    public Phrase? Problem { get; }

    public ChecklistInputException(string message, Exception innerException) : base(message, innerException)
    {
    }
}

/// <summary>The database did not answer: the change was not stored. Maps to 503 / a hub error the client shows.</summary>
public sealed class ChecklistUnavailableException : Exception
{
    public const string DefaultMessage = "The checklist database did not answer: the change was NOT saved. Try again.";

    public ChecklistUnavailableException() : base(DefaultMessage)
    {
    }

    public ChecklistUnavailableException(string message) : base(message)
    {
    }

    public ChecklistUnavailableException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
