namespace BarberPro.Core.Persistence;

/// <summary>Where the dashboard keeps its own data (users, checklists, cost entries).</summary>
public sealed class DashboardDatabaseOptions
{
    public const string ConnectionStringName = "Dashboard";

    public string ConnectionString { get; set; } = "";
}
