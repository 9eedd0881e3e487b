using BarberPro.Core.Checklists;
using BarberPro.Dashboard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace BarberPro.Dashboard.Tests.Checklists;

/// <summary>The dashboard with a manual clock (<see cref="ClockedDashboardFactory"/>) and the checklist stores at hand.</summary>
public class ChecklistsFactory : ClockedDashboardFactory
{
    public ChecklistStore Store => Services.GetRequiredService<ChecklistStore>();

    public ChecklistTemplateStore Templates => Services.GetRequiredService<ChecklistTemplateStore>();

    /// <summary>A period far from today and from other tests' periods, so tests in one class never share a run.</summary>
    public static ChecklistPeriod UniqueDailyPeriod() =>
        new(ChecklistCadence.Daily, new DateOnly(2001, 1, 1).AddDays(Random.Shared.Next(0, 2_000_000)));

    public async Task<long> ScalarAsync(string sql, params object[] values)
    {
        await using var connection = new NpgsqlConnection(Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task<string?> TextAsync(string sql, params object[] values)
    {
        await using var connection = new NpgsqlConnection(Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }
        return await command.ExecuteScalarAsync() as string;
    }

    public async Task<List<ChecklistChangeRecord>> ChangesAsync(long runId) => [.. await Store.GetChangesAsync(runId, CancellationToken.None)];
}
