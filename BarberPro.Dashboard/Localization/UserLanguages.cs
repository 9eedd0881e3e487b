using System.Collections.Concurrent;
using BarberPro.Core.Persistence;

namespace BarberPro.Dashboard.Localization;

/// <summary>
/// The stored languages as every request reads them (<see cref="UserLanguageCultureProvider"/> runs for each page, the
/// circuit's connection and API calls): each user's row is read at most once per <see cref="CacheFor"/> per process,
/// and a choice made here is known at once. A choice made on another instance is seen here within that time; the
/// browser that made it has the language cookie meanwhile. Singleton.
/// </summary>
public sealed partial class UserLanguages(IUserLanguageStore store, TimeProvider time, ILogger<UserLanguages> logger)
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, (string? Language, DateTimeOffset ReadAt)> _read = new(StringComparer.Ordinal);

    /// <summary>The user's stored language, or null when none is stored or the database does not answer.</summary>
    public async Task<string?> GetAsync(string userId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_read.TryGetValue(userId, out var known) && now - known.ReadAt < CacheFor)
        {
            return known.Language;
        }
        string? language;
        try
        {
            language = await store.GetLanguageAsync(userId, cancellationToken);
        }
        catch (Exception ex) when (DurableTransaction.IsUnavailable(ex) && !cancellationToken.IsCancellationRequested)
        {
            // The page still renders, in the cookie's or the browser's language; asked again after CacheFor.
            Log.LanguageNotRead(logger, ex);
            language = null;
        }
        _read[userId] = (language, now);
        return language;
    }

    /// <summary>Stores the user's choice (throws when the database does not answer: the caller says so).</summary>
    public async Task SetAsync(string userId, string language, CancellationToken cancellationToken)
    {
        try
        {
            await store.SetLanguageAsync(userId, language, cancellationToken);
        }
        catch
        {
            // Not stored: forget what was read before, so that this browser's new cookie decides rather than the old
            // choice remembered here (the next read asks the database again).
            _read.TryRemove(userId, out _);
            throw;
        }
        _read[userId] = (Languages.Normalize(language), time.GetUtcNow());
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "The user's language could not be read; the page follows the cookie or the browser.")]
        public static partial void LanguageNotRead(ILogger logger, Exception exception);
    }
}
