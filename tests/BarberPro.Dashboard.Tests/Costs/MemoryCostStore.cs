using BarberPro.Core.Costs;

namespace BarberPro.Dashboard.Tests.Costs;

/// <summary>
/// A cost store in memory for component tests: the same rules as the database one (a write only when amount or note
/// changed, all or nothing), every write recorded, and <see cref="Unavailable"/> to answer as a database that does not.
/// </summary>
internal sealed class MemoryCostStore : ICostStore
{
    private readonly Dictionary<(DateOnly, string), CostEntry> _entries = [];

    public List<(CostEntryInput Input, CostActor Actor, string Source)> Writes { get; } = [];

    public List<UsdArsRate> Rates { get; } = [];

    public List<CostEntryChange> Changes { get; } = [];

    public Dictionary<string, decimal> Baseline { get; } = new(StringComparer.Ordinal);

    public bool Unavailable { get; set; }

    public void Put(CostEntry entry) => _entries[(entry.Month, entry.Category)] = entry;

    public decimal? Amount(DateOnly month, string category) => _entries.GetValueOrDefault((month, category))?.AmountUsd;

    public Task<IReadOnlyList<CostEntry>> GetEntriesAsync(CancellationToken cancellationToken) =>
        Answer<IReadOnlyList<CostEntry>>([.. _entries.Values.OrderBy(e => e.Month).ThenBy(e => e.Category, StringComparer.Ordinal)]);

    public async Task<IReadOnlyList<CostMonth>> GetMonthsAsync(CancellationToken cancellationToken) =>
        [.. (await GetEntriesAsync(cancellationToken)).GroupBy(e => e.Month).OrderBy(g => g.Key).Select(g => new CostMonth(g.Key, [.. g]))];

    public Task<int> ImportAsync(IReadOnlyList<CostEntryInput> entries, CostActor actor, string source, CancellationToken cancellationToken)
    {
        if (Unavailable)
        {
            return Task.FromException<int>(new CostUnavailableException(new TimeoutException("test: the database is down")));
        }
        var changed = 0;
        foreach (var entry in entries)
        {
            var now = _entries.GetValueOrDefault((entry.Month, entry.Category));
            if (now is not null && now.AmountUsd == entry.AmountUsd && now.Note == entry.Note)
            {
                continue;
            }
            Writes.Add((entry, actor, source));
            Changes.Insert(0, new CostEntryChange(DateTimeOffset.UnixEpoch, actor.Name, source, entry.Month, entry.Category, now?.AmountUsd, entry.AmountUsd));
            Put(new CostEntry(entry.Month, entry.Category, entry.AmountUsd, entry.Note, actor.Name, DateTimeOffset.UnixEpoch));
            changed++;
        }
        return Task.FromResult(changed);
    }

    public Task<IReadOnlyList<CostEntryChange>> GetChangesAsync(int limit, CancellationToken cancellationToken) =>
        Answer<IReadOnlyList<CostEntryChange>>([.. Changes.Take(limit)]);

    public Task<IReadOnlyDictionary<string, decimal>> GetBaselineAsync(CancellationToken cancellationToken) =>
        Answer<IReadOnlyDictionary<string, decimal>>(Baseline);

    public Task<IReadOnlyList<UsdArsRate>> GetRatesAsync(CancellationToken cancellationToken) =>
        Answer<IReadOnlyList<UsdArsRate>>([.. Rates.OrderBy(r => r.EffectiveDate)]);

    public Task SaveRateAsync(DateOnly date, decimal arsPerUsd, CostActor actor, CancellationToken cancellationToken)
    {
        if (Unavailable)
        {
            return Task.FromException(new CostUnavailableException(new TimeoutException("test: the database is down")));
        }
        Rates.RemoveAll(r => r.EffectiveDate == date);
        Rates.Add(new UsdArsRate(date, arsPerUsd, actor.Name, DateTimeOffset.UnixEpoch));
        Writes.Add((new CostEntryInput(date, "rate", arsPerUsd, null), actor, "rate"));
        return Task.CompletedTask;
    }

    /// <summary>Reads fail only when asked to; the tests of a failed write read before they fail the store.</summary>
    private static Task<T> Answer<T>(T value) => Task.FromResult(value);
}
