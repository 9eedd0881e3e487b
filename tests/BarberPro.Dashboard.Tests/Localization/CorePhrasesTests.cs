using System.Text.RegularExpressions;
using System.Xml.Linq;
using BarberPro.Core.Text;
using BarberPro.Tests.Shared;

namespace BarberPro.Dashboard.Tests.Localization;

/// <summary>
/// The sentences <c>BarberPro.Core</c> builds for converted pages are <see cref="Phrase"/>s: a key the pages word through
/// the shared resources, and an English template for logs and the API. Every key Core names is in both resource files,
/// and its English resource is exactly Core's template (so the English page and the English log never drift apart).
/// </summary>
public sealed partial class CorePhrasesTests
{
    [Fact]
    public void EveryPhraseOfCore_HasItsKeyInBothLanguages_AndTheEnglishResourceIsCoresTemplate()
    {
        var english = Resources("Strings.resx");
        var spanish = Resources("Strings.es-AR.resx");
        var phrases = Directory.EnumerateFiles(RepositoryFiles.PathOf("BarberPro.Core"), "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(path => PhraseOf().Matches(File.ReadAllText(path)).Select(m => (Key: m.Groups["key"].Value, Template: Regex.Unescape(m.Groups["template"].Value))))
            .ToList();

        Assert.True(phrases.Count >= 40, $"only {phrases.Count} phrases found: the pattern no longer matches Core's code");
        Assert.All(phrases, p =>
        {
            Assert.True(english.TryGetValue(p.Key, out var value), $"{p.Key} is not in Strings.resx");
            Assert.Equal(p.Template, value);
            Assert.True(spanish.ContainsKey(p.Key), $"{p.Key} is not in Strings.es-AR.resx");
        });
    }

    [Fact]
    public void APhrase_IsEnglishForLogs_WithItsArgumentsWrittenTheInvariantWay()
    {
        var phrase = Phrase.Of("Costs_Rule_AmountRange", "Amount must be between 0 and {0:N0} USD (was {1}).", 10_000_000m, 12.5m);
        var nested = Phrase.Of("Costs_LineProblem", "Line {0}: {1}", 3, phrase);

        Assert.Equal("Amount must be between 0 and 10,000,000 USD (was 12.5).", phrase.English);
        Assert.Equal("Line 3: Amount must be between 0 and 10,000,000 USD (was 12.5).", nested.ToString());
    }

    private static Dictionary<string, string> Resources(string file) =>
        XDocument.Load(RepositoryFiles.PathOf(Path.Combine("BarberPro.Dashboard", "Localization", file)))
            .Root!.Elements("data").ToDictionary(d => (string)d.Attribute("name")!, d => (string)d.Element("value")!, StringComparer.Ordinal);

    [GeneratedRegex("""Phrase\.Of\("(?<key>[A-Za-z_]+)",\s*"(?<template>(?:[^"\\]|\\.)*)"[,)]""")]
    private static partial Regex PhraseOf();
}
