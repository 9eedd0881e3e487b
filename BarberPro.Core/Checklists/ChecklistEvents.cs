using System.Globalization;

namespace BarberPro.Core.Checklists;

/// <summary>
/// The PostgreSQL NOTIFY channel through which every committed change reaches every dashboard instance. The writer
/// calls pg_notify inside the change's transaction, so the event exists only if the change committed. The payload is
/// small ("run:item:version"); listeners read the item's state from the database.
/// </summary>
public static class ChecklistEvents
{
    public const string Channel = "checklist_events";

    public static string Format(long runId, string itemKey, int version) =>
        string.Create(CultureInfo.InvariantCulture, $"{runId}:{itemKey}:{version}");

    public static bool TryParse(string payload, out ChecklistItemRef item)
    {
        item = default;
        var first = payload.IndexOf(':', StringComparison.Ordinal);
        var last = payload.LastIndexOf(':');
        if (first <= 0 || last <= first + 1
            || !long.TryParse(payload.AsSpan(0, first), NumberStyles.None, CultureInfo.InvariantCulture, out var runId)
            || !int.TryParse(payload.AsSpan(last + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            return false;
        }
        var key = payload[(first + 1)..last];
        if (!ChecklistRules.IsValidItemKey(key))
        {
            return false;
        }
        item = new ChecklistItemRef(runId, key, version);
        return true;
    }
}

public readonly record struct ChecklistItemRef(long RunId, string ItemKey, int Version);
