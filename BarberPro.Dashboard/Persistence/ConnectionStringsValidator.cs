using Microsoft.Extensions.Options;
using Npgsql;

namespace BarberPro.Dashboard.Persistence;

/// <summary>The connection strings the dashboard needs, read from <c>ConnectionStrings</c>.</summary>
public sealed class DashboardConnectionOptions
{
    /// <summary>The dashboard's own database (users, checklists, costs). Read and written.</summary>
    public string Dashboard { get; set; } = "";

    /// <summary>
    /// The same database as the role that owns the schema and applies the migrations at start-up. When it is set,
    /// <see cref="Dashboard"/> is the runtime role, which gets only row access (granted at each start). Unset: the
    /// migrations run with <see cref="Dashboard"/> itself.
    /// </summary>
    public string? DashboardMigrations { get; set; }

    /// <summary>The booking database, read-only. Optional: without it the business figures are absent, not invented.</summary>
    public string? Bookings { get; set; }
}

internal sealed class DashboardConnectionOptionsValidator : IValidateOptions<DashboardConnectionOptions>
{
    public ValidateOptionsResult Validate(string? name, DashboardConnectionOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Dashboard))
        {
            failures.Add("ConnectionStrings:Dashboard is required (a PostgreSQL connection string for the dashboard's own database).");
        }
        else if (!IsValid(options.Dashboard, out var error))
        {
            failures.Add($"ConnectionStrings:Dashboard is not a valid PostgreSQL connection string: {error}");
        }
        if (!string.IsNullOrWhiteSpace(options.DashboardMigrations) && !IsValid(options.DashboardMigrations, out var migrationsError))
        {
            failures.Add($"ConnectionStrings:DashboardMigrations is not a valid PostgreSQL connection string: {migrationsError}");
        }
        if (!string.IsNullOrWhiteSpace(options.Bookings) && !IsValid(options.Bookings, out var bookingError))
        {
            failures.Add($"ConnectionStrings:Bookings is not a valid PostgreSQL connection string: {bookingError}");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsValid(string connectionString, out string error)
    {
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            if (string.IsNullOrWhiteSpace(builder.Host))
            {
                error = "it names no Host.";
                return false;
            }
            error = "";
            return true;
        }
        catch (ArgumentException ex)
        {
            error = ex.Message;
            return false;
        }
    }
}
