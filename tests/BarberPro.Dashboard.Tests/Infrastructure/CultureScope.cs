using System.Globalization;

namespace BarberPro.Dashboard.Tests.Infrastructure;

/// <summary>
/// Runs the rest of a test in a culture (what the request localization sets for a circuit: both the culture that
/// formats and the one that picks the resources), and puts the previous ones back when disposed. The culture flows
/// with the test's async calls into the bUnit renderer.
/// </summary>
public sealed class CultureScope : IDisposable
{
    private readonly CultureInfo _culture = CultureInfo.CurrentCulture;
    private readonly CultureInfo _uiCulture = CultureInfo.CurrentUICulture;

    private CultureScope(string name)
    {
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(name);
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(name);
    }

    public static CultureScope Use(string name) => new(name);

    public void Dispose()
    {
        CultureInfo.CurrentCulture = _culture;
        CultureInfo.CurrentUICulture = _uiCulture;
    }
}
