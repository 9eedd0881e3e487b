using System.Collections.Frozen;
using System.Globalization;
using BarberPro.Core.Live;
using BarberPro.Dashboard.Localization;
using Microsoft.Extensions.Localization;

namespace BarberPro.Dashboard.Live;

/// <summary>
/// The words of the live screens in one of the dashboard's languages, from the shared resource files
/// (<c>Live_…</c> keys of <see cref="Strings"/>), read once at start-up with that language's culture (not the thread's):
/// the poller's thread then builds every language's view of a snapshot without a culture of its own. English needs no
/// instance (<see cref="LiveWords.English"/>, the words the snapshot and the live API carry).
/// </summary>
public sealed class ResourceLiveWords : ILiveWords
{
    private const string Prefix = "Live_";

    private readonly FrozenDictionary<string, string> _templates;

    public ResourceLiveWords(IStringLocalizer<Strings> strings, string language)
    {
        ArgumentNullException.ThrowIfNull(strings);
        Language = language;
        Culture = CultureInfo.GetCultureInfo(language);
        var before = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = Culture;
            _templates = strings.GetAllStrings(includeParentCultures: false)
                .Where(s => !s.ResourceNotFound && s.Name.StartsWith(Prefix, StringComparison.Ordinal))
                .ToFrozenDictionary(s => s.Name, s => s.Value, StringComparer.Ordinal);
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    public string Language { get; }

    public CultureInfo Culture { get; }

    /// <summary>How many words this language has (tests: none is missing).</summary>
    public int Count => _templates.Count;

    public string? Template(string key) => _templates.GetValueOrDefault(key);

    /// <summary>Every language of the dashboard but English, for <see cref="LiveViewStore"/>.</summary>
    public static IEnumerable<ILiveWords> AllBesidesEnglish(IStringLocalizer<Strings> strings) =>
        Languages.All.Where(l => l != Languages.English).Select(l => new ResourceLiveWords(strings, l));

    /// <summary>The words of the circuit's or request's language among <paramref name="languages"/> (English when absent).</summary>
    public static ILiveWords ForCurrent(IEnumerable<ILiveWords> languages)
    {
        ArgumentNullException.ThrowIfNull(languages);
        var language = Current;
        return languages.FirstOrDefault(w => w.Language == language) ?? LiveWords.English;
    }

    /// <summary>The view language of the circuit or request now: the one its culture names (English when unknown).</summary>
    public static string Current => Languages.Of(CultureInfo.CurrentUICulture);
}
