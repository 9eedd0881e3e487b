using System.Globalization;

namespace BarberPro.Core.Text;

/// <summary>
/// A sentence Core builds for a page before it is put in a language (a validation problem, a basis, a formula, a live
/// tile's figure): the key of its words in the dashboard's shared <c>Strings</c> resources, its English
/// <see cref="Template"/> (a composite format string, equal to the key's English resource — tests compare every key
/// used) and its arguments. An argument is another <see cref="Phrase"/> (said in the same language first), a
/// <see cref="Num"/> (written with the reader's separators), a number or date (formatted in the reader's culture), or
/// text that is data (an alert's or a city's name), shown as it is. A phrase without a key has no words to translate,
/// only numbers and units ("{0} ms"). <see cref="English"/> is the sentence in English: for logs, the APIs, exceptions
/// and every fallback.
/// </summary>
public sealed record Phrase(string? Key, string Template, IReadOnlyList<object?> Args)
{
    /// <summary>Words: <paramref name="key"/> names them in both resource files; <paramref name="template"/> is their English.</summary>
    public static Phrase Of(string key, string template, params object?[] args)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentException.ThrowIfNullOrEmpty(template);
        return new(key, template, args ?? []);
    }

    /// <summary>Only numbers and units: the same pattern in every language, the numbers written in the reader's way.</summary>
    public static Phrase Numbers(string pattern, params object?[] args) => new(null, pattern, args ?? []);

    /// <summary>Data shown as it is in every language (a panel's, alert's or city's name).</summary>
    public static Phrase Text(string text) => new(null, text, []);

    /// <summary>The phrases one after the other, <paramref name="separator"/> between them.</summary>
    public static Phrase Join(string separator, IEnumerable<Phrase> phrases)
    {
        ArgumentNullException.ThrowIfNull(phrases);
        var items = phrases.ToArray<object?>();
        var pattern = string.Join(separator.Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal),
            Enumerable.Range(0, items.Length).Select(i => "{" + i.ToString(CultureInfo.InvariantCulture) + "}"));
        return new(null, pattern, items);
    }

    /// <summary>The sentence in English (numbers and dates the English way), whatever the thread's culture.</summary>
    public string English => In(Template, CultureInfo.InvariantCulture, inner => inner.English);

    public override string ToString() => English;

    /// <summary>
    /// <paramref name="template"/> (this phrase's words in some language) with the arguments filled in: inner phrases by
    /// <paramref name="say"/>, <see cref="Num"/>s and other numbers with <paramref name="numbers"/>.
    /// </summary>
    public string In(string template, IFormatProvider numbers, Func<Phrase, string> say)
    {
        ArgumentNullException.ThrowIfNull(say);
        if (Args.Count == 0)
        {
            // Nothing to fill in: the words as written (a Text phrase's data may hold braces).
            return template;
        }
        var args = new object?[Args.Count];
        for (var i = 0; i < args.Length; i++)
        {
            args[i] = Args[i] switch
            {
                Phrase inner => say(inner),
                var other => other,
            };
        }
        return string.Format(numbers, template, args);
    }
}

/// <summary>A number and how many digits it is shown with; the separators are the reader's.</summary>
public readonly record struct Num(double Value, string Format) : IFormattable
{
    public string ToString(string? format, IFormatProvider? formatProvider) => Value.ToString(Format, formatProvider);

    public override string ToString() => ToString(null, CultureInfo.InvariantCulture);
}

/// <summary>
/// An argument the reader's culture writes (a date with its day and month names): <paramref name="write"/> gets the
/// culture the phrase is said in (English: the invariant culture).
/// </summary>
public sealed class InCulture(Func<CultureInfo, string> write) : IFormattable
{
    public string ToString(string? format, IFormatProvider? formatProvider) => write(formatProvider as CultureInfo ?? CultureInfo.InvariantCulture);

    public override string ToString() => write(CultureInfo.InvariantCulture);
}
