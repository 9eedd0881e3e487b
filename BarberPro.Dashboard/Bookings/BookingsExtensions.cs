using BarberPro.Core.Bookings;
using BarberPro.Core.Live;
using BarberPro.Dashboard.Persistence;
using Microsoft.Extensions.Options;

namespace BarberPro.Dashboard.Bookings;

public static class BookingsExtensions
{
    /// <summary>
    /// The booking figures: one read-only pool to the booking database (absent when ConnectionStrings:Bookings is
    /// empty), the maintainer that keeps the aggregates of the dashboard database fresh from it (active in one instance
    /// at a time, under an advisory lock), and the "bookings" panel source, which reads those aggregates. All
    /// singletons: one pool and one latest reading per process, whatever the number of viewers.
    /// </summary>
    public static WebApplicationBuilder AddBookings(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<BookingOptions>().Bind(builder.Configuration.GetSection(BookingOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<BookingOptions>, BookingOptionsValidator>();
        services.AddSingleton(sp => new BookingDatabase(
            sp.GetRequiredService<IOptions<DashboardConnectionOptions>>().Value.Bookings,
            sp.GetRequiredService<IOptions<BookingOptions>>().Value.CommandTimeout));
        services.AddSingleton<BookingFiguresReader>();
        services.AddSingleton<BookingTrendsReader>();
        services.AddSingleton<BookingAggregatorService>();
        services.AddHostedService(sp => sp.GetRequiredService<BookingAggregatorService>());
        services.AddSingleton<BookingPanelSource>();
        services.AddSingleton<IPanelSource>(sp => sp.GetRequiredService<BookingPanelSource>());
        return builder;
    }
}
