using BarberPro.Core.Bookings;
using BarberPro.Core.Reports;
using BarberPro.Core.Time;
using BarberPro.Dashboard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace BarberPro.Dashboard.Tests.Reports;

/// <summary>
/// A dashboard's first start: the booking aggregates are still being built. A scheduled report is stored for good, so
/// it must not be written without its booking figures; an on-demand one may, and says why once.
/// </summary>
public sealed class ReportWhileBookingsCatchUpTests(ReportWhileBookingsCatchUpTests.Factory factory) : IClassFixture<ReportWhileBookingsCatchUpTests.Factory>
{
    public sealed class Factory : DashboardFactory
    {
        // The booking connection points at the dashboard's own database, which has no booking tables: the aggregates'
        // first catch-up never finishes, as on a first start against a large booking database.
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["ConnectionStrings:Bookings"] = Database.ConnectionString,
        };
    }

    [Fact]
    public async Task AScheduledReport_WaitsForTheBookingAggregates_AnOnDemandOneSaysWhyOnce()
    {
        var gatherer = factory.Services.GetRequiredService<ReportGatherer>();
        var yesterday = ArgentinaTime.DateOf(DateTimeOffset.UtcNow).AddDays(-1);

        await Assert.ThrowsAsync<BookingAggregatesNotReadyException>(() => gatherer.GatherAsync(ReportPeriod.Daily(yesterday), CancellationToken.None));
        var onDemand = await gatherer.GatherAsync(ReportPeriod.OnDemand(DateTimeOffset.UtcNow), CancellationToken.None);

        Assert.Single(onDemand.Problems, p => p == new BookingAggregatesNotReadyException().Message);
        Assert.Null(onDemand.Figure(ReportFigureKeys.Bookings)!.Value);
        Assert.Equal(onDemand.Problems.Count, onDemand.Problems.Distinct(StringComparer.Ordinal).Count());
    }
}
