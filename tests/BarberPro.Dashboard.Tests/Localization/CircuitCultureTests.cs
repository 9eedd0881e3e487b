using System.Globalization;
using BarberPro.Dashboard.Localization;
using BarberPro.Dashboard.Tests.Infrastructure;

namespace BarberPro.Dashboard.Tests.Localization;

/// <summary>Work a background thread hands to a Spanish circuit runs in Spanish, and the thread keeps its own culture.</summary>
public sealed class CircuitCultureTests
{
    [Fact]
    public async Task WrappedWork_RunsInTheCapturedCulture_AndTheCallersCultureIsLeftAlone()
    {
        CircuitCulture captured;
        using (CultureScope.Use("es-AR"))
        {
            captured = CircuitCulture.Capture();
        }
        var seen = new List<string>();
        var caller = "";

        await Task.Run(async () =>
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
            captured.Wrap(() => seen.Add(CultureInfo.CurrentUICulture.Name + " " + 1234.5.ToString("N1", CultureInfo.CurrentCulture)))();
            await captured.Wrap(() =>
            {
                seen.Add(CultureInfo.CurrentUICulture.Name);
                return Task.CompletedTask;
            })();
            caller = CultureInfo.CurrentCulture.Name + "/" + CultureInfo.CurrentUICulture.Name;
        });

        Assert.Equal(["es-AR 1.234,5", "es-AR"], seen);
        Assert.Equal("en/en", caller);
    }
}
