using System.Text.RegularExpressions;

namespace BarberPro.Dashboard.Tests.Localization;

/// <summary>
/// Reads a page for English words left behind: the commonest English words of the dashboard's sentences that are not
/// Spanish words too ("the", "and", "of", "is", "not", "with", "by", "from", "this", "per", "last", "today"…).
/// </summary>
internal static partial class EnglishWords
{
    public static IReadOnlyList<string> In(string text) =>
        [.. Word().Matches(text).Select(m => m.Value).Distinct(StringComparer.OrdinalIgnoreCase)];

    [GeneratedRegex(@"\b(the|and|of|is|are|not|with|by|from|this|that|per|last|today|days|week|month|saved|open|done|note|target|reload|none|nobody|yet)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Word();
}
