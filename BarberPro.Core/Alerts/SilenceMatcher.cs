using System.Text.RegularExpressions;

namespace BarberPro.Core.Alerts;

/// <summary>
/// One matcher of a silence, in the API v2's JSON form (<c>{name, value, isRegex, isEqual}</c>). The dashboard only
/// builds exact equality matchers (<see cref="Exact"/>): the value travels as a JSON string, so a label value holding
/// <c>"</c>, <c>\</c> or a newline reaches Alertmanager as that one value, unescaped and unparsed (never through
/// the <c>{name="value"}</c> text syntax, where such a value would need quoting rules of its own).
/// </summary>
public sealed partial record SilenceMatcher(string Name, string Value, bool IsRegex, bool IsEqual)
{
    /// <summary>Longest label value accepted for a matcher (Alertmanager has no limit; a pasted page is a mistake).</summary>
    public const int MaxValueLength = 1024;

    /// <summary>
    /// <c>name = value</c>, literally. Throws <see cref="ArgumentException"/> with a message fit for a form when the name
    /// is not a Prometheus label name or the value is empty (a silence must match something) or too long.
    /// </summary>
    public static SilenceMatcher Exact(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(value);
        if (!IsLabelName(name))
        {
            throw new ArgumentException($"'{name}' is not a label name (letters, digits and _, not starting with a digit).", nameof(name));
        }

        if (value.Length == 0)
        {
            throw new ArgumentException($"The value of {name} is empty; a silence must match a value.", nameof(value));
        }

        if (value.Length > MaxValueLength)
        {
            throw new ArgumentException($"The value of {name} is longer than {MaxValueLength} characters.", nameof(value));
        }

        return new SilenceMatcher(name, value, IsRegex: false, IsEqual: true);
    }

    /// <summary>A Prometheus label name: <c>[a-zA-Z_][a-zA-Z0-9_]*</c>.</summary>
    public static bool IsLabelName(string? name) => name is not null && LabelName().IsMatch(name);

    /// <summary>True when this matcher selects <paramref name="labels"/> (exact and regex, equal and not-equal).</summary>
    public bool Matches(IReadOnlyDictionary<string, string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var actual = labels.TryGetValue(Name, out var v) ? v : "";
        var hit = IsRegex
            ? Regex.IsMatch(actual, "^(?:" + Value + ")$", RegexOptions.None, TimeSpan.FromMilliseconds(100))
            : string.Equals(actual, Value, StringComparison.Ordinal);
        return hit == IsEqual;
    }

    /// <summary><c>name="value"</c> (or <c>=~</c>, <c>!=</c>, <c>!~</c>) for display, with <c>"</c>, <c>\</c> and newlines escaped as Alertmanager prints them.</summary>
    public override string ToString()
    {
        var op = (IsRegex, IsEqual) switch
        {
            (false, true) => "=",
            (false, false) => "!=",
            (true, true) => "=~",
            (true, false) => "!~",
        };
        var escaped = Value.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("\"", "\\\"", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal);
        return $"{Name}{op}\"{escaped}\"";
    }

    [GeneratedRegex("^[a-zA-Z_][a-zA-Z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex LabelName();
}
