using System.Globalization;

namespace BarberPro.Dashboard.Checklists;

/// <summary>The checklist pages' addresses, and the element ids the pages and the tests share.</summary>
public static class ChecklistPaths
{
    public const string Root = "/checklists";
    public const string History = "/checklists/history";
    public const string Templates = "/checklists/templates";

    public static string Run(long runId) => string.Create(CultureInfo.InvariantCulture, $"/checklists/runs/{runId}");

    /// <summary>Item keys are restricted to [a-z0-9.-], so the id needs no escaping.</summary>
    public static string ItemElementId(long runId, string itemKey) =>
        string.Create(CultureInfo.InvariantCulture, $"item-{runId}-{itemKey}");
}
