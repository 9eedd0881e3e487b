using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace BarberPro.Core.Prometheus;

/// <summary>What a template placeholder stands for, which decides how its value is checked and inserted.</summary>
public enum PromQlPlaceholderKind
{
    /// <summary>A Prometheus duration (<c>5m</c>, <c>1h30m</c>), inserted as is after validation; only outside string literals.</summary>
    Duration,

    /// <summary>A label value: outside quotes it becomes a whole escaped string literal; inside a quoted string, escaped content.</summary>
    LabelValue,

    /// <summary>A finite number in invariant culture; only outside string literals.</summary>
    Number,
}

/// <summary>
/// A PromQL query with <c>{{name}}</c> placeholders, checked once when parsed (unknown placeholders, durations
/// inside strings, unterminated strings are errors) and rendered safely: values can never change the query's shape.
/// </summary>
public sealed class PromQlTemplate
{
    private enum Context
    {
        Code,
        DoubleQuoted,
        SingleQuoted,
        Raw,
        Comment,
    }

    private readonly IReadOnlyList<Segment> _segments;

    private PromQlTemplate(string text, IReadOnlyList<Segment> segments, IReadOnlyDictionary<string, PromQlPlaceholderKind> placeholders)
    {
        Text = text;
        _segments = segments;
        Placeholders = placeholders;
    }

    /// <summary>The template as written.</summary>
    public string Text { get; }

    /// <summary>The placeholders the template uses, with their kinds; <see cref="Render"/> needs a value for each.</summary>
    public IReadOnlyDictionary<string, PromQlPlaceholderKind> Placeholders { get; }

    /// <exception cref="FormatException">Listing every problem of the template.</exception>
    public static PromQlTemplate Parse(string text, IReadOnlyDictionary<string, PromQlPlaceholderKind> knownPlaceholders)
    {
        if (!TryParse(text, knownPlaceholders, out var template, out var errors))
        {
            throw new FormatException(string.Join(" ", errors));
        }

        return template;
    }

    public static bool TryParse(
        string text,
        IReadOnlyDictionary<string, PromQlPlaceholderKind> knownPlaceholders,
        [NotNullWhen(true)] out PromQlTemplate? template,
        out IReadOnlyList<string> errors)
    {
        ArgumentNullException.ThrowIfNull(knownPlaceholders);
        var problems = new List<string>();
        var segments = new List<Segment>();
        var used = new Dictionary<string, PromQlPlaceholderKind>(StringComparer.Ordinal);
        template = null;

        if (string.IsNullOrWhiteSpace(text))
        {
            errors = ["The query is empty."];
            return false;
        }

        var context = Context.Code;
        var literalStart = 0;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (context != Context.Comment && c == '{' && i + 1 < text.Length && text[i + 1] == '{')
            {
                var close = text.IndexOf("}}", i + 2, StringComparison.Ordinal);
                if (close < 0)
                {
                    problems.Add($"'{{{{' at position {i} has no closing '}}}}'.");
                    break;
                }

                var name = text[(i + 2)..close].Trim();
                segments.Add(Segment.Literal(text[literalStart..i]));
                if (!PromQl.IsValidLabelName(name))
                {
                    problems.Add($"'{{{{{name}}}}}' is not a valid placeholder name.");
                }
                else if (!knownPlaceholders.TryGetValue(name, out var kind))
                {
                    problems.Add($"Unknown placeholder {{{{{name}}}}} (known: {string.Join(", ", knownPlaceholders.Keys.Order(StringComparer.Ordinal).Select(k => "{{" + k + "}}"))}).");
                }
                else if (context == Context.Raw)
                {
                    problems.Add($"Placeholder {{{{{name}}}}} is inside a backtick string, where a value cannot be escaped; use double quotes.");
                }
                else if (kind != PromQlPlaceholderKind.LabelValue && context != Context.Code)
                {
                    problems.Add($"Placeholder {{{{{name}}}}} is a {kind.ToString().ToLowerInvariant()} and must not be inside a string literal.");
                }
                else
                {
                    used[name] = kind;
                    segments.Add(Segment.Placeholder(name, kind, context == Context.SingleQuoted ? '\'' : context == Context.DoubleQuoted ? '"' : null));
                }

                i = close + 2;
                literalStart = i;
                continue;
            }

            switch (context)
            {
                case Context.Code:
                    context = c switch
                    {
                        '"' => Context.DoubleQuoted,
                        '\'' => Context.SingleQuoted,
                        '`' => Context.Raw,
                        '#' => Context.Comment,
                        _ => Context.Code,
                    };
                    break;
                case Context.DoubleQuoted or Context.SingleQuoted:
                    if (c == '\\')
                    {
                        i++;
                    }
                    else if (c == '\n')
                    {
                        problems.Add($"A string literal is not closed before the end of line at position {i}.");
                        context = Context.Code;
                    }
                    else if ((c == '"' && context == Context.DoubleQuoted) || (c == '\'' && context == Context.SingleQuoted))
                    {
                        context = Context.Code;
                    }

                    break;
                case Context.Raw when c == '`':
                case Context.Comment when c == '\n':
                    context = Context.Code;
                    break;
            }

            i++;
        }

        if (context is Context.DoubleQuoted or Context.SingleQuoted or Context.Raw)
        {
            problems.Add("A string literal is not closed.");
        }

        if (problems.Count > 0)
        {
            errors = problems;
            return false;
        }

        segments.Add(Segment.Literal(text[literalStart..]));
        template = new PromQlTemplate(text, segments.Where(s => s.Name is not null || s.Text.Length > 0).ToArray(), used);
        errors = [];
        return true;
    }

    /// <summary>
    /// The query with every placeholder replaced. Durations must be valid Prometheus durations, numbers finite
    /// (formatted invariantly); label values are escaped.
    /// </summary>
    /// <exception cref="ArgumentException">A value is missing or invalid.</exception>
    public string Render(IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var builder = new StringBuilder(Text.Length + 32);
        foreach (var segment in _segments)
        {
            if (segment.Name is null)
            {
                builder.Append(segment.Text);
                continue;
            }

            if (!values.TryGetValue(segment.Name, out var value) || value is null)
            {
                throw new ArgumentException($"No value for placeholder {{{{{segment.Name}}}}} of query: {Text}", nameof(values));
            }

            builder.Append(segment.Kind switch
            {
                PromQlPlaceholderKind.Duration when PromQl.IsValidDuration(value) => value,
                PromQlPlaceholderKind.Duration => throw new ArgumentException($"'{value}' for {{{{{segment.Name}}}}} is not a positive Prometheus duration (e.g. 1m, 5m, 1h).", nameof(values)),
                PromQlPlaceholderKind.Number when double.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var number) && double.IsFinite(number) => PromQl.Number(number),
                PromQlPlaceholderKind.Number => throw new ArgumentException($"'{value}' for {{{{{segment.Name}}}}} is not a finite number.", nameof(values)),
                _ when segment.Quote is { } quote => PromQl.EscapeStringContent(value, quote),
                _ => PromQl.String(value),
            });
        }

        return builder.ToString();
    }

    public override string ToString() => Text;

    private sealed record Segment(string Text, string? Name, PromQlPlaceholderKind Kind, char? Quote)
    {
        public static Segment Literal(string text) => new(text, null, default, null);

        public static Segment Placeholder(string name, PromQlPlaceholderKind kind, char? quote) => new(string.Empty, name, kind, quote);
    }
}
