using System.Globalization;
using BarberPro.Core.Costs;
using BarberPro.Core.Text;

namespace BarberPro.Core.Live;

/// <summary>
/// The words of the live screens in one language. Core knows English (<see cref="LiveWords.English"/>); the dashboard
/// gives each supported language from its resource files, with an explicit culture (not the thread's), so that one
/// poller thread builds every language's view of a snapshot.
/// </summary>
public interface ILiveWords
{
    /// <summary>"en", "es-AR": which view a circuit of this language reads.</summary>
    string Language { get; }

    /// <summary>The culture numbers are written in.</summary>
    CultureInfo Culture { get; }

    /// <summary>The words of <paramref name="key"/> with their <c>{0}</c> places, or null when this language lacks them.</summary>
    string? Template(string key);
}

/// <summary>Puts <see cref="Phrase"/>s into words.</summary>
public static class LiveWords
{
    public const string EnglishLanguage = "en";

    /// <summary>The English of the phrases themselves: the snapshot's, the live API's and every fallback.</summary>
    public static ILiveWords English { get; } = new EnglishWords();

    /// <summary><paramref name="phrase"/> in <paramref name="words"/>' language.</summary>
    public static string Say(this ILiveWords words, Phrase phrase)
    {
        ArgumentNullException.ThrowIfNull(words);
        ArgumentNullException.ThrowIfNull(phrase);
        var template = phrase.Key is { } key ? words.Template(key) ?? phrase.Template : phrase.Template;
        return phrase.In(template, Money.NumbersOf(words.Culture), words.Say);
    }

    /// <summary><paramref name="phrase"/> in <paramref name="words"/>' language, or null.</summary>
    public static string? SayOrNull(this ILiveWords words, Phrase? phrase) => phrase is null ? null : words.Say(phrase);

    /// <summary>Every key's English words used by <paramref name="phrase"/> and the phrases inside it (tests compare them
    /// with the resource files).</summary>
    public static void CollectKeys(Phrase phrase, IDictionary<string, string> into)
    {
        ArgumentNullException.ThrowIfNull(phrase);
        ArgumentNullException.ThrowIfNull(into);
        if (phrase.Key is { } key)
        {
            into[key] = phrase.Template;
        }
        foreach (var inner in phrase.Args.OfType<Phrase>())
        {
            CollectKeys(inner, into);
        }
    }

    private sealed class EnglishWords : ILiveWords
    {
        public string Language => EnglishLanguage;

        public CultureInfo Culture => CultureInfo.InvariantCulture;

        public string? Template(string key) => null;
    }
}

/// <summary>The figures' numbers and words as phrases: <see cref="FigureFormat"/>'s rules, in the reader's language.</summary>
public static class Says
{
    public static Phrase NoData { get; } = Phrase.Of("Live_NoData", FigureFormat.NoData);

    public static Phrase Percent(double ratio, int decimals = 2) =>
        Phrase.Numbers("{0} %", new Num(ratio * 100, "F" + decimals.ToString(CultureInfo.InvariantCulture)));

    public static Phrase Milliseconds(double ms) => Phrase.Numbers("{0} ms", new Num(ms, ms >= 10 ? "N0" : "0.0"));

    public static Phrase Rate(double perSecond) => Phrase.Numbers("{0} rps", new Num(perSecond, "N0"));

    public static Phrase Count(double value) => Phrase.Numbers("{0}", new Num(value, "N0"));

    public static Phrase Multiple(double value) => Phrase.Numbers("{0}×", new Num(value, "0.00"));

    public static Phrase MultipleShort(double value) => Phrase.Numbers("{0}×", new Num(value, Math.Abs(value) >= 10 ? "0.#" : "0.##"));

    public static Phrase UsdPerHour(double value) => Phrase.Numbers("US$ {0}/h", new Num(value, "N2"));

    public static Phrase Usd(double value) => Phrase.Numbers("US$ {0}", new Num(value, "N2"));

    public static Phrase UpDown(double value) => value >= 1 ? Phrase.Of("Live_Up", "up") : Phrase.Of("Live_Down", "down");

    /// <summary>"45 s", "7 min", "3 h", "2 d" (<see cref="FigureFormat.Ago"/>).</summary>
    public static Phrase Ago(TimeSpan span) => Phrase.Text(FigureFormat.Ago(span));

    public static Phrase Or(double? value, Func<double, Phrase> say) => value is { } v ? say(v) : NoData;
}

/// <summary>A figure's label, value and target as phrases (the <see cref="Figure"/>'s strings are their English).</summary>
public sealed record FigureWords(Phrase Label, Phrase Display, Phrase? Target);
