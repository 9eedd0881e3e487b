using System.Globalization;

namespace BarberPro.Dashboard.Checklists;

/// <summary>The checklist pages' addresses, and the element ids the pages, redirects and the client share.</summary>
public static class ChecklistPaths
{
    public const string Root = "/checklists";
    public const string History = "/checklists/history";
    public const string Templates = "/checklists/templates";

    public static string Run(long runId) => string.Create(CultureInfo.InvariantCulture, $"/checklists/runs/{runId}");

    public static string Change(long runId, string itemKey, string action) =>
        string.Create(CultureInfo.InvariantCulture, $"/checklists/runs/{runId}/items/{itemKey}/{action}");

    /// <summary>Item keys are restricted to [a-z0-9.-], so the id needs no escaping.</summary>
    public static string ItemElementId(long runId, string itemKey) =>
        string.Create(CultureInfo.InvariantCulture, $"item-{runId}-{itemKey}");
}
