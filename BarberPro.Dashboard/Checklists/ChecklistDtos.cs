using BarberPro.Core.Checklists;
using BarberPro.Core.Time;

namespace BarberPro.Dashboard.Checklists;

/// <summary>
/// An item's state as the browser needs it: the server shapes it (times already in ART), the TypeScript client only
/// writes it into the page, with textContent.
/// </summary>
public sealed record ChecklistItemDto(
    long RunId,
    string Key,
    bool Ticked,
    string? TickedBy,
    string? TickedAt,
    string? Note,
    string? NoteBy,
    string? NoteAt,
    string? ChangedBy,
    string? ChangedAt,
    string? ChangeKind,
    int Version)
{
    public static ChecklistItemDto From(ChecklistItemState item, DateTimeOffset now) => new(
        item.RunId, item.Key, item.Ticked, item.TickedBy, Label(item.TickedAt, now), item.Note, item.NoteBy,
        Label(item.NoteAt, now), item.ChangedBy, Label(item.ChangedAt, now), item.ChangeKind, item.Version);

    /// <summary>"10:02 ART" today (Argentina date), "Mon 3 Mar 10:02 ART" otherwise.</summary>
    public static string? Label(DateTimeOffset? at, DateTimeOffset now) => at is not { } instant
        ? null
        : (ArgentinaTime.DateOf(instant) == ArgentinaTime.DateOf(now)
            ? ArgentinaTime.FormatTime(instant)
            : ArgentinaTime.FormatDateTime(instant)) + " ART";
}

/// <summary>The answer to a hub change: "applied", "replayed", "stale" or "unchanged", a message, the current state.</summary>
public sealed record ChecklistChangeReply(string Outcome, string? Message, ChecklistItemDto Item)
{
    public static ChecklistChangeReply From(ChecklistChangeResult result, DateTimeOffset now) =>
        new(result.Outcome.ToString().ToLowerInvariant(), result.Message, ChecklistItemDto.From(result.Item, now));
}
