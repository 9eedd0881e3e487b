using System.Globalization;
using BarberPro.Core.Text;
using Microsoft.Extensions.Localization;

namespace BarberPro.Dashboard.Localization;

/// <summary>
/// Words a <see cref="Phrase"/> that Core built through the shared resources, in the current culture (the circuit's):
/// numbers and dates among its arguments are written the reader's way, phrases among them are worded first.
/// </summary>
public static class PhraseWords
{
    public static string Say(this IStringLocalizer words, Phrase phrase)
    {
        ArgumentNullException.ThrowIfNull(words);
        ArgumentNullException.ThrowIfNull(phrase);
        // A key missing from the resources (ResourceFilesTests prevents it) falls back to the English, not the key.
        var template = phrase.Key is { } key && words[key] is { ResourceNotFound: false } worded ? worded.Value : phrase.Template;
        return phrase.In(template, CultureInfo.CurrentCulture, inner => words.Say(inner));
    }

    /// <summary>Several phrases, one sentence after the other.</summary>
    public static string Say(this IStringLocalizer words, IEnumerable<Phrase> phrases) =>
        string.Join(" ", phrases.Select(p => words.Say(p)));
}
