using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace BarberPro.Dashboard.Tests.Localization;

/// <summary>
/// The resource files are complete in both languages, the code asks only for keys they hold, and the features already
/// converted keep no user-facing English in their markup.
/// </summary>
public sealed partial class ResourceFilesTests
{
    /// <summary>The folders (under BarberPro.Dashboard) whose texts all come from the resources.</summary>
    public static readonly string[] ConvertedFolders = ["Components/Layout", "Checklists", "Costs", "Capacity", "Bookings", "Live", "Charts", "Alerts", "Incidents", "Reports", "Security", "Components/Pages", "Admin"];

    private const string ResourceFolder = "BarberPro.Dashboard/Localization";

    public static TheoryData<string> Resources => new() { "Strings", "MudStrings" };

    [Theory]
    [MemberData(nameof(Resources))]
    public void BothLanguages_HaveEveryKey_AndNoValueIsEmpty(string resource)
    {
        var english = Read($"{resource}.resx");
        var spanish = Read($"{resource}.es-AR.resx");

        Assert.NotEmpty(english);
        Assert.Equal([], english.Keys.Except(spanish.Keys).Order(StringComparer.Ordinal));
        Assert.Equal([], spanish.Keys.Except(english.Keys).Order(StringComparer.Ordinal));
        Assert.Equal([], english.Concat(spanish).Where(pair => string.IsNullOrWhiteSpace(pair.Value)).Select(pair => pair.Key));
    }

    /// <summary>A "{0}" in one language and not the other would throw, or drop a value, in the other.</summary>
    [Theory]
    [MemberData(nameof(Resources))]
    public void BothLanguages_HaveTheSamePlaceholders(string resource)
    {
        var english = Read($"{resource}.resx");
        var spanish = Read($"{resource}.es-AR.resx");

        var mismatched = english.Keys.Where(key => spanish.ContainsKey(key)
            && !Placeholders(english[key]).SetEquals(Placeholders(spanish[key])));

        Assert.Empty(mismatched);
    }

    /// <summary>Every key named in the dashboard's code ("Shell_Pages", "Costs_Total", …) is in the resources.</summary>
    [Fact]
    public void EveryKeyTheCodeNames_IsInTheResources()
    {
        var keys = Read("Strings.resx").Keys.ToHashSet(StringComparer.Ordinal);
        var dashboard = RepositoryFiles.PathOf("BarberPro.Dashboard");
        var used = Directory.EnumerateFiles(dashboard, "*.*", SearchOption.AllDirectories)
            .Where(path => path.EndsWith(".razor", StringComparison.Ordinal) || path.EndsWith(".cs", StringComparison.Ordinal))
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(path => KeyReference().Matches(File.ReadAllText(path)).Select(m => (File: Path.GetFileName(path), Key: m.Groups[1].Value)))
            .ToList();

        Assert.NotEmpty(used);
        Assert.Equal([], used.Where(u => !keys.Contains(u.Key)).Select(u => $"{u.File}: {u.Key}").Distinct());
    }

    /// <summary>
    /// The heuristic: in the .razor files of a converted folder, with comments, the @code block, &lt;style&gt; and
    /// &lt;script&gt; and &lt;code&gt; (CSV column names and the like) removed, (1) the text between tags, line by line, leaving out lines of C# (starting with @, {, },
    /// else, case, var, //) and inline expressions (@name.Member, @(…), @L["…"]), and (2) the literal (not @…) values of
    /// the attributes people read (aria-label, title, placeholder, alt, and MudBlazor's Label, Title, Text,
    /// HelperText, Placeholder, DataLabel, AriaLabel) must hold no word of three letters or more, other than units and
    /// names that read the same in both languages (ART, ARS, USD, US$, CSV, PDF, HPA, BarberPro, Ops). Texts built in C#
    /// (.razor.cs, strings inside @(…)) are not read by this test: the Spanish renders of the bUnit tests are.
    /// </summary>
    [Fact]
    public void ConvertedRazorFiles_HoldNoLiteralEnglishText()
    {
        var findings = new List<string>();
        foreach (var folder in ConvertedFolders)
        {
            foreach (var path in Directory.EnumerateFiles(RepositoryFiles.PathOf(Path.Combine("BarberPro.Dashboard", folder)), "*.razor"))
            {
                findings.AddRange(LiteralTexts(File.ReadAllText(path)).Select(text => $"{folder}/{Path.GetFileName(path)}: \"{text}\""));
            }
        }

        Assert.Empty(findings);
    }

    /// <summary>The heuristic finds what it is meant to find (so that an empty result above means something).</summary>
    [Fact]
    public void TheHeuristic_FindsTextBetweenTags_AndInReadAttributes_NotCodeOrKeys()
    {
        const string razor = """
            @* A comment with words *@
            @inject IStringLocalizer<Strings> L
            <div class="some-class" data-testid="the-thing">
                @if (Show)
                {
                    <MudText>Saved at @Time ART</MudText>
                }
                else
                {
                    <span>@L["Shell_Pages"] · @(Count) US$</span>
                }
                <button aria-label="Close the menu" title="@L["Shell_Pages"]">×</button>
                <span>@Items.Count(i => i.Done) @(Total >= 1 ? "" : "")</span>
                <MudTextField Label="Amount" />
            </div>
            @code {
                private string Words => "not markup";
            }
            """;

        Assert.Equal(["Saved at ART", "Close the menu", "Amount"], LiteralTexts(razor));
    }

    internal static List<string> LiteralTexts(string razor)
    {
        var text = RazorComment().Replace(razor, "");
        var code = text.IndexOf("@code", StringComparison.Ordinal);
        text = code >= 0 ? text[..code] : text;
        // C#'s lambdas and comparisons are not tags.
        text = StyleOrScript().Replace(text.Replace("=>", "⇒", StringComparison.Ordinal).Replace(">=", "≥", StringComparison.Ordinal)
            .Replace("<=", "≤", StringComparison.Ordinal), "");
        var found = new List<string>();
        foreach (Match chunk in BetweenTags().Matches(text))
        {
            foreach (var raw in chunk.Groups[1].Value.Split('\n'))
            {
                var line = raw.Trim();
                if (line.Length == 0 || CodeLine().IsMatch(line))
                {
                    continue;
                }
                var words = Spaces().Replace(InlineExpression().Replace(line, " "), " ").Trim();
                if (Word().Matches(words).Any(w => !Allowed.Contains(w.Value)))
                {
                    found.Add(words);
                }
            }
        }
        foreach (Match attribute in ReadAttribute().Matches(text))
        {
            var value = attribute.Groups[2].Value;
            if (Word().Matches(value).Any(w => !Allowed.Contains(w.Value)))
            {
                found.Add(value);
            }
        }
        return found;
    }

    private static readonly HashSet<string> Allowed = new(StringComparer.Ordinal) { "ART", "ARS", "USD", "US$", "CSV", "PDF", "HPA", "BarberPro", "Ops" };

    private static Dictionary<string, string> Read(string file) =>
        XDocument.Load(RepositoryFiles.PathOf(Path.Combine(ResourceFolder, file))).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "", StringComparer.Ordinal);

    private static HashSet<string> Placeholders(string value) => [.. Placeholder().Matches(value).Select(m => m.Value)];

    [GeneratedRegex(@"\{\d+(?::[^}]*)?\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex("\"((?:Shell|Nav|Common|Checklists|Costs|Capacity|Bookings|Alerts|Incidents|Reports|Security|Live|Admin|Language)_[A-Za-z0-9_]+)\"")]
    private static partial Regex KeyReference();

    [GeneratedRegex(@"@\*.*?\*@", RegexOptions.Singleline)]
    private static partial Regex RazorComment();

    [GeneratedRegex(@"<(style|script|code)\b.*?</\1>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex StyleOrScript();

    [GeneratedRegex(@">([^<>]*)<", RegexOptions.Singleline)]
    private static partial Regex BetweenTags();

    [GeneratedRegex(@"^(@|\{|\}|else\b|case\b|default:|var\b|//|break;|return\b)")]
    private static partial Regex CodeLine();

    [GeneratedRegex(@"@\((?>[^()]+|\((?<d>)|\)(?<-d>))*(?(d)(?!))\)|@[A-Za-z_][\w.]*(\[[^\]]*\])?(\((?>[^()]+|\((?<d>)|\)(?<-d>))*(?(d)(?!))\))?")]
    private static partial Regex InlineExpression();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"[A-Za-z][A-Za-z$]{2,}")]
    private static partial Regex Word();

    [GeneratedRegex(@"\s(aria-label|title|placeholder|alt|Label|Title|Text|HelperText|Placeholder|DataLabel|AriaLabel)=""([^""@][^""]*)""")]
    private static partial Regex ReadAttribute();
}
