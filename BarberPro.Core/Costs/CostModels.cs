using BarberPro.Core.Text;
namespace BarberPro.Core.Costs;

/// <summary>The cost categories of the seeds, in the order the page lists them.</summary>
public static class CostCategories
{
    public const string Compute = nameof(Compute);
    public const string Database = nameof(Database);
    public const string Storage = nameof(Storage);
    public const string Network = nameof(Network);
    public const string Monitoring = nameof(Monitoring);

    public static IReadOnlyList<string> All { get; } = [Compute, Database, Storage, Network, Monitoring];

    /// <summary>The category's canonical name for any casing of it, or null when it is not one.</summary>
    public static string? Normalize(string? value) =>
        All.FirstOrDefault(c => string.Equals(c, value?.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>SPEC.md's seed month: Compute $2,150 (from $4,000), Database $650, Storage $320, Network $180, Monitoring $95.</summary>
    public static IReadOnlyDictionary<string, decimal> SeedAmountsUsd { get; } = new Dictionary<string, decimal>(StringComparer.Ordinal)
    {
        [Compute] = 2150m,
        [Database] = 650m,
        [Storage] = 320m,
        [Network] = 180m,
        [Monitoring] = 95m,
    };
}

/// <summary>Who did something, as recorded next to it.</summary>
public sealed record CostActor(string? Id, string Name);

/// <summary>One month's cost of one category, in USD.</summary>
public sealed record CostEntry(DateOnly Month, string Category, decimal AmountUsd, string? Note, string UpdatedBy, DateTimeOffset UpdatedAt);

/// <summary>An edit of a cost entry, kept for ever.</summary>
public sealed record CostEntryChange(DateTimeOffset At, string ActorName, string Source, DateOnly Month, string Category, decimal? FromUsd, decimal ToUsd);

/// <summary>A dated exchange rate: from <see cref="EffectiveDate"/> on, one USD is <see cref="ArsPerUsd"/> pesos.</summary>
public sealed record UsdArsRate(DateOnly EffectiveDate, decimal ArsPerUsd, string RecordedBy, DateTimeOffset RecordedAt);

/// <summary>A cost entry as submitted (form or CSV line), already validated by <see cref="CostRules"/>.</summary>
public sealed record CostEntryInput(DateOnly Month, string Category, decimal AmountUsd, string? Note);

/// <summary>All entries of one month with their total.</summary>
public sealed record CostMonth(DateOnly Month, IReadOnlyList<CostEntry> Entries)
{
    public decimal TotalUsd => Entries.Sum(e => e.AmountUsd);

    public decimal? AmountOf(string category) => Entries.FirstOrDefault(e => e.Category == category)?.AmountUsd;

    /// <summary>True when every category has an entry; a partial month's total is shown as such.</summary>
    public bool IsComplete => CostCategories.All.All(c => Entries.Any(e => e.Category == c));
}

/// <summary>Input refused, with a message that says what to fix. Nothing was stored.</summary>
public sealed class CostInputException(IReadOnlyList<Phrase> problems) : Exception(string.Join(" ", problems.Select(p => p.English)))
{
    /// <summary>Every problem, for the page to word in its reader's language (<see cref="Exception.Message"/> is the English).</summary>
    public IReadOnlyList<Phrase> Problems { get; } = problems;
}

/// <summary>A CSV file refused as a whole because of one line. Nothing was stored.</summary>
public sealed class CostImportException(int line, IReadOnlyList<Phrase> problems)
    : Exception($"Line {line}: {string.Join(" ", problems.Select(p => p.English))}")
{
    public CostImportException(int line, Phrase problem) : this(line, [problem])
    {
    }

    public int Line { get; } = line;

    /// <summary>What is wrong with the line, for the page to word ("Line 3: …" is <see cref="Exception.Message"/>).</summary>
    public IReadOnlyList<Phrase> Problems { get; } = problems;
}
