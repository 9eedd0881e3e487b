using System.Globalization;

namespace BarberPro.Dashboard.Reports;

/// <summary>The one place the reports' URLs are built.</summary>
public static class ReportPaths
{
    public const string List = "/reports";
    public const string Page = "/reports/{Id:long}";
    public const string CsvPattern = "/reports/{id:long}.csv";
    public const string PdfPattern = "/reports/{id:long}.pdf";

    public static string ListOn(DateOnly? day) =>
        day is { } d ? List + "?day=" + d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : List;

    public static string Of(long id) => List + "/" + id.ToString(CultureInfo.InvariantCulture);

    public static string Csv(long id) => Of(id) + ".csv";

    public static string Pdf(long id) => Of(id) + ".pdf";
}
