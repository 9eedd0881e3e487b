using System.Net;
using BarberPro.Core.Security;
using BarberPro.Dashboard.Tests.Infrastructure;
using BarberPro.Core.Capacity;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace BarberPro.Dashboard.Tests.Capacity;

public sealed class CapacityPageTests(DashboardFactory factory) : IClassFixture<DashboardFactory>
{
    private async Task<long> HistoryCountAsync()
    {
        await using var connection = new NpgsqlConnection(factory.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM dashboard.capacity_assumptions", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task Capacity_ManagerChangesAssumptions_ThePageRecomputesAndKeepsWhoChangedThem()
    {
        using var manager = await factory.SignInAsRoleAsync(Roles.Manager);
        var before = await manager.Http.GetStringAsync("/capacity");
        Assert.Contains("53,502", before, StringComparison.Ordinal);
        Assert.Contains("US$ 36,381", before, StringComparison.Ordinal);
        Assert.Contains("Reference defaults, not changed yet", before, StringComparison.Ordinal);
        Assert.Contains("Add 2 database read replicas", before, StringComparison.Ordinal);
        Assert.Contains("Rosario", before, StringComparison.Ordinal);
        Assert.DoesNotContain("predict_scaling_needs", before, StringComparison.Ordinal);
        Assert.Equal(0, await HistoryCountAsync());

        // What the page's save button does after CircuitAccess allowed it (CapacityPageComponentTests): append a row.
        await factory.Services.GetRequiredService<CapacityStore>().SaveAsync(new CapacityAssumptions(0.10, 20_000, 0.68, 50_000, 12), "manager-test", default);

        var after = System.Net.WebUtility.HtmlDecode(await manager.Http.GetStringAsync("/capacity"));
        Assert.Contains("12 months at 10 % per month from 20,000 users", after, StringComparison.Ordinal);
        Assert.Contains(">22,000<", after, StringComparison.Ordinal); // month 1: 20,000 × 1.1
        Assert.Contains("data-month=\"10\" data-action=\"ManualReview\"", after, StringComparison.Ordinal); // 20,000 × 1.1^10 = 51,875
        // Month 9 (47,159 users) is under the review threshold: the HPA's own (Auto, or RaiseHpaMaximum when the pods the
        // shared stack measures per user put it past the HPA maximum — that depends on the simulator's traffic at the time
        // other tests left it, which failed this line once in CI), never a review.
        Assert.Matches("data-month=\"9\" data-action=\"(Auto|RaiseHpaMaximum)\"", after);
        Assert.Contains("Saved by manager-test", after, StringComparison.Ordinal);
        Assert.Contains("growth 15 % → 10 %; users 10,000 → 20,000", after, StringComparison.Ordinal);
        Assert.Equal(1, await HistoryCountAsync());
    }

    [Fact]
    public async Task Capacity_Viewer_IsDenied()
    {
        using var viewer = await factory.SignInAsRoleAsync(Roles.Viewer);

        var response = await viewer.Http.GetAsync("/capacity");

        Assert.True(response.StatusCode == HttpStatusCode.Forbidden
            || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.Contains("/account/denied", StringComparison.Ordinal)));
    }
}
