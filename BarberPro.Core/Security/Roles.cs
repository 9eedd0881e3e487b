namespace BarberPro.Core.Security;

/// <summary>
/// The four roles of SPEC.md. Each role includes the ones before it, so policies name the lowest role that may act
/// and <see cref="AtLeast"/> expands it.
/// </summary>
public static class Roles
{
    public const string Viewer = nameof(Viewer);
    public const string Operator = nameof(Operator);
    public const string Manager = nameof(Manager);
    public const string Admin = nameof(Admin);

    public static IReadOnlyList<string> All { get; } = [Viewer, Operator, Manager, Admin];

    public static IReadOnlyList<string> AtLeast(string role)
    {
        var index = IndexOf(role);
        return index < 0 ? throw new ArgumentException($"Unknown role '{role}'.", nameof(role)) : All.Skip(index).ToArray();
    }

    public static bool IsKnown(string role) => IndexOf(role) >= 0;

    /// <summary>Whether <paramref name="user"/> holds <paramref name="lowest"/> or a role above it.</summary>
    public static bool IsAtLeast(System.Security.Claims.ClaimsPrincipal? user, string lowest) =>
        user is not null && AtLeast(lowest).Any(user.IsInRole);

    private static int IndexOf(string role)
    {
        for (var i = 0; i < All.Count; i++)
        {
            if (string.Equals(All[i], role, StringComparison.Ordinal))
            {
                return i;
            }
        }
        return -1;
    }
}

/// <summary>Authorization policy names, one per kind of action.</summary>
public static class Policies
{
    public const string View = "barberpro.view";
    public const string Tick = "barberpro.tick";

    /// <summary>Reading the PromQL behind a chart or tile (read-only): Operators and above.</summary>
    public const string ReadQueries = "barberpro.read-queries";
    public const string Manage = "barberpro.manage";
    public const string Administer = "barberpro.administer";
}
