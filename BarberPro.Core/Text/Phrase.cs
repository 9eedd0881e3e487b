using System.Globalization;

namespace BarberPro.Core.Text;

/// <summary>
/// A sentence Core builds for a page (a validation problem, a basis, a formula): a resource key of the dashboard's
/// shared <c>Strings</c> and its arguments, which the page words in its reader's language (numbers and dates as typed
/// values, formatted in that culture); <see cref="English"/> is the same sentence in English for logs, the API and
/// exceptions. The English template here and the key's English value in the resources are the same text (a test
/// compares every key used).
/// </summary>
public sealed class Phrase
{
    private Phrase(string key, string template, object?[] args)
    {
        Key = key;
        Template = template;
        Args = args;
    }

    /// <summary>The resource key, prefixed by the feature (<c>Costs_</c>, <c>Capacity_</c>, <c>Checklists_</c>).</summary>
    public string Key { get; }

    /// <summary>The English template (a composite format string), equal to the key's English resource.</summary>
    public string Template { get; }

    /// <summary>The arguments: numbers, dates, text, or other phrases (worded first).</summary>
    public IReadOnlyList<object?> Args { get; }

    /// <summary>The sentence in English (invariant culture).</summary>
    public string English => string.Format(CultureInfo.InvariantCulture, Template,
        [.. Args.Select(a => a is Phrase inner ? inner.English : a)]);

    public static Phrase Of(string key, string template, params object?[] args)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentException.ThrowIfNullOrEmpty(template);
        return new Phrase(key, template, args ?? []);
    }

    public override string ToString() => English;
}
