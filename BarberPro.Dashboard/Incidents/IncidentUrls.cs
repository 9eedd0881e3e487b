using System.Globalization;

namespace BarberPro.Dashboard.Incidents;

/// <summary>The incident pages' addresses.</summary>
public static class IncidentUrls
{
    public const string List = "/incidents";

    public static string Incident(long id) => "/incidents/" + id.ToString(CultureInfo.InvariantCulture);
}
