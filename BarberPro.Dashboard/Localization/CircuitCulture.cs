using System.Globalization;

namespace BarberPro.Dashboard.Localization;

/// <summary>
/// The culture a component renders in (its circuit's: the user's language), captured when it subscribes to something
/// that calls back from another thread (a live view, a checklist feed, another circuit's presence), and put back in the
/// work that callback hands to <c>InvokeAsync</c>. Without it that work runs in the calling thread's culture and the page
/// re-renders in the default language and number format (dotnet/aspnetcore#28521; the Blazor synchronization-context
/// docs: "capture and restore the execution context at the time the handler is registered"). The caller's own culture
/// is left as it was.
/// </summary>
public sealed class CircuitCulture
{
    private readonly CultureInfo _culture;
    private readonly CultureInfo _uiCulture;

    private CircuitCulture(CultureInfo culture, CultureInfo uiCulture)
    {
        _culture = culture;
        _uiCulture = uiCulture;
    }

    /// <summary>The current culture (call it on the component's own flow, e.g. in <c>OnInitialized</c>).</summary>
    public static CircuitCulture Capture() => new(CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);

    public CultureInfo UICulture => _uiCulture;

    /// <summary><paramref name="work"/> run in the captured culture; the caller's is restored after it.</summary>
    public Action Wrap(Action work)
    {
        ArgumentNullException.ThrowIfNull(work);
        return () =>
        {
            var (culture, uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
            Set(_culture, _uiCulture);
            try
            {
                work();
            }
            finally
            {
                Set(culture, uiCulture);
            }
        };
    }

    /// <summary><paramref name="work"/> run in the captured culture (an async method: the caller's culture is untouched).</summary>
    public Func<Task> Wrap(Func<Task> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        return async () =>
        {
            Set(_culture, _uiCulture);
            await work();
        };
    }

    private static void Set(CultureInfo culture, CultureInfo uiCulture)
    {
        CultureInfo.CurrentCulture = culture;
        CultureInfo.CurrentUICulture = uiCulture;
    }
}
