using System.Collections.Concurrent;
using System.Security.Claims;
using BarberPro.Core.Checklists;
using BarberPro.Core.Persistence;
using Npgsql;

namespace BarberPro.Dashboard.Checklists;

/// <summary>
/// Who makes a checklist change, as the team reads it: the user's display name ("Ana Pérez"), never the e-mail address
/// the sign-in uses. Names are read from <c>dashboard.users</c> and kept for <see cref="CacheFor"/> (a rename shows
/// within that time); a user without a display name, or one the database cannot name right now, is shown by the part
/// of the e-mail address before the "@". Singleton.
/// </summary>
public sealed class ChecklistPeople(NpgsqlDataSource dataSource, TimeProvider time)
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<string, (string Name, DateTimeOffset Until)> _names = new(StringComparer.Ordinal);

    /// <summary>The actor of a change by <paramref name="user"/>: its id (kept in the audit) and its display name.</summary>
    public async Task<ChecklistActor> ActorAsync(ClaimsPrincipal? user, CancellationToken cancellationToken)
    {
        var id = user?.FindFirstValue(ClaimTypes.NameIdentifier);
        return new ChecklistActor(id, await NameAsync(id, user?.Identity?.Name, cancellationToken));
    }

    private async Task<string> NameAsync(string? userId, string? signInName, CancellationToken cancellationToken)
    {
        var fallback = ShortName(signInName);
        if (userId is null)
        {
            return fallback;
        }
        var now = time.GetUtcNow();
        if (_names.TryGetValue(userId, out var cached) && cached.Until > now)
        {
            return cached.Name;
        }
        try
        {
            await using var command = dataSource.CreateCommand("""SELECT "DisplayName" FROM dashboard.users WHERE "Id" = $1""");
            command.Parameters.Add(new NpgsqlParameter { Value = userId });
            var display = await command.ExecuteScalarAsync(cancellationToken) as string;
            var name = string.IsNullOrWhiteSpace(display) || display.Contains('@', StringComparison.Ordinal) ? fallback : display.Trim();
            _names[userId] = (name, now + CacheFor);
            return name;
        }
        catch (Exception ex) when (DurableTransaction.IsUnavailable(ex))
        {
            return cached.Name ?? fallback;
        }
    }

    /// <summary>"ana.perez@barberpro.example" becomes "ana.perez": what is shown when no display name is known.</summary>
    public static string ShortName(string? signInName)
    {
        if (string.IsNullOrWhiteSpace(signInName))
        {
            return "someone";
        }
        var at = signInName.IndexOf('@', StringComparison.Ordinal);
        return at > 0 ? signInName[..at] : signInName.Trim();
    }
}
