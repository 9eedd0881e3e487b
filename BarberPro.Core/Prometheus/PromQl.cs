using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace BarberPro.Core.Prometheus;

/// <summary>
/// Safe building blocks for PromQL text. Never paste a variable into a query: a label value containing
/// <c>"} or up{</c> would otherwise change the query. Values become one Go-style double-quoted string literal.
/// </summary>
public static partial class PromQl
{
    /// <summary>A double-quoted PromQL string literal holding exactly <paramref name="value"/>.</summary>
    public static string String(string value) => "\"" + EscapeStringContent(value, '"') + "\"";

    /// <summary>An equality matcher <c>name="value"</c> with the name validated and the value escaped.</summary>
    public static string Label(string name, string value) => Matcher(name, "=", value);

    /// <summary>A matcher with operator <c>=</c>, <c>!=</c>, <c>=~</c> or <c>!~</c>; regex values are escaped as string literals, not as regexes.</summary>
    public static string Matcher(string name, string op, string value)
    {
        ValidateLabelName(name);
        if (op is not ("=" or "!=" or "=~" or "!~"))
        {
            throw new ArgumentException($"'{op}' is not a PromQL label matcher operator (=, !=, =~, !~).", nameof(op));
        }

        return name + op + String(value);
    }

    /// <summary>True for names matching <c>[a-zA-Z_][a-zA-Z0-9_]*</c>.</summary>
    public static bool IsValidLabelName(string? name) => name is not null && LabelNameRegex().IsMatch(name);

    public static void ValidateLabelName(string name)
    {
        if (!IsValidLabelName(name))
        {
            throw new ArgumentException($"'{name}' is not a valid Prometheus label name ([a-zA-Z_][a-zA-Z0-9_]*).", nameof(name));
        }
    }

    /// <summary>
    /// Escapes <paramref name="value"/> for the inside of a string literal delimited by <paramref name="quote"/>
    /// (<c>"</c> or <c>'</c>), following Go's rules which PromQL uses: backslash, the quote, and control characters are escaped.
    /// </summary>
    public static string EscapeStringContent(string value, char quote = '"')
    {
        ArgumentNullException.ThrowIfNull(value);
        if (quote is not ('"' or '\''))
        {
            throw new ArgumentException("Only double- and single-quoted PromQL strings can hold escapes.", nameof(quote));
        }

        var builder = new StringBuilder(value.Length + 8);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                builder.Append(c).Append(value[++i]);
                continue;
            }

            if (char.IsSurrogate(c))
            {
                throw new ArgumentException("The value holds an unpaired UTF-16 surrogate and cannot be sent as UTF-8.", nameof(value));
            }

            switch (c)
            {
                case '\\': builder.Append(@"\\"); break;
                case '\n': builder.Append(@"\n"); break;
                case '\r': builder.Append(@"\r"); break;
                case '\t': builder.Append(@"\t"); break;
                case '\a': builder.Append(@"\a"); break;
                case '\b': builder.Append(@"\b"); break;
                case '\f': builder.Append(@"\f"); break;
                case '\v': builder.Append(@"\v"); break;
                case var q when q == quote: builder.Append('\\').Append(q); break;
                case < ' ' or '\u007f':
                    builder.Append(@"\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
                    break;
                default: builder.Append(c); break;
            }
        }

        return builder.ToString();
    }

    /// <summary>True for a Prometheus duration such as <c>5m</c>, <c>1h30m</c>, <c>90s</c>, <c>500ms</c>, <c>1w</c> (units in descending order, each once, not zero).</summary>
    public static bool IsValidDuration(string? text) => TryParseDuration(text, out var duration) && duration > TimeSpan.Zero;

    /// <summary>Parses the Prometheus duration grammar <c>[0-9]+(y|w|d|h|m|s|ms)</c>, units in descending order.</summary>
    public static bool TryParseDuration(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        if (text == "0")
        {
            return true;
        }

        var match = DurationRegex().Match(text);
        if (!match.Success)
        {
            return false;
        }

        try
        {
            long milliseconds = 0;
            milliseconds = checked(milliseconds + (Unit(match, "y") * 365 * 24 * 3_600_000));
            milliseconds = checked(milliseconds + (Unit(match, "w") * 7 * 24 * 3_600_000));
            milliseconds = checked(milliseconds + (Unit(match, "d") * 24 * 3_600_000));
            milliseconds = checked(milliseconds + (Unit(match, "h") * 3_600_000));
            milliseconds = checked(milliseconds + (Unit(match, "m") * 60_000));
            milliseconds = checked(milliseconds + (Unit(match, "s") * 1_000));
            milliseconds = checked(milliseconds + Unit(match, "ms"));
            if (milliseconds > (long)TimeSpan.MaxValue.TotalMilliseconds)
            {
                return false;
            }

            duration = TimeSpan.FromMilliseconds(milliseconds);
            return true;
        }
        catch (OverflowException)
        {
            return false;
        }
    }

    public static TimeSpan ParseDuration(string text) => TryParseDuration(text, out var duration)
        ? duration
        : throw new FormatException($"'{text}' is not a Prometheus duration (e.g. 30s, 5m, 1h30m, 7d).");

    /// <summary>Formats a positive whole-millisecond span in Prometheus's grammar: <c>1h30m</c>, <c>1w</c>, <c>30d</c>, <c>1s500ms</c>.</summary>
    public static string FormatDuration(TimeSpan duration)
    {
        if (duration <= TimeSpan.Zero || duration.Ticks % TimeSpan.TicksPerMillisecond != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(duration), duration, "A PromQL duration must be positive and a whole number of milliseconds.");
        }

        var remaining = (long)duration.TotalMilliseconds;
        var builder = new StringBuilder();
        // Years and weeks only when exact: 30 days reads better as 30d than as 4w2d.
        AppendExact(ref remaining, 365L * 24 * 3_600_000, "y");
        AppendExact(ref remaining, 7L * 24 * 3_600_000, "w");
        Append(ref remaining, 24L * 3_600_000, "d");
        Append(ref remaining, 3_600_000, "h");
        Append(ref remaining, 60_000, "m");
        Append(ref remaining, 1_000, "s");
        Append(ref remaining, 1, "ms");
        return builder.ToString();

        void AppendExact(ref long left, long unit, string suffix)
        {
            if (left % unit == 0)
            {
                Append(ref left, unit, suffix);
            }
        }

        void Append(ref long left, long unit, string suffix)
        {
            if (left >= unit)
            {
                builder.Append((left / unit).ToString(CultureInfo.InvariantCulture)).Append(suffix);
                left %= unit;
            }
        }
    }

    /// <summary>Formats a finite number for PromQL (invariant culture, round-trippable).</summary>
    public static string Number(double value) => double.IsFinite(value)
        ? value.ToString("R", CultureInfo.InvariantCulture)
        : throw new ArgumentOutOfRangeException(nameof(value), value, "Only finite numbers can be inserted into PromQL.");

    private static long Unit(Match match, string group) =>
        match.Groups[group].Success ? long.Parse(match.Groups[group].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture) : 0;

    [GeneratedRegex("^[a-zA-Z_][a-zA-Z0-9_]*\\z", RegexOptions.CultureInvariant)]
    private static partial Regex LabelNameRegex();

    [GeneratedRegex("^(?:(?<y>[0-9]+)y)?(?:(?<w>[0-9]+)w)?(?:(?<d>[0-9]+)d)?(?:(?<h>[0-9]+)h)?(?:(?<m>[0-9]+)m)?(?:(?<s>[0-9]+)s)?(?:(?<ms>[0-9]+)ms)?\\z", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex DurationRegex();
}
