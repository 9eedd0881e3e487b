using Microsoft.Extensions.Options;

namespace BarberPro.Core.Bookings;

/// <summary>
/// Section <c>Bookings</c>: how the booking figures are read. The connection string itself is
/// <c>ConnectionStrings:Bookings</c> (read-only role); without it the booking panel says "not configured".
/// </summary>
public sealed class BookingOptions
{
    public const string SectionName = "Bookings";

    /// <summary>
    /// How often the live poller reads the figures from the dashboard's aggregates (default 5 s: a few milliseconds of
    /// the dashboard's own database, nothing in the booking database).
    /// </summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often the maintainer brings the aggregates up to date from the booking database (default 15 s).</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How far behind the watermark every refresh reads again: the longest booking-service transaction tolerated
    /// (updated_at is set when a transaction starts and becomes visible when it commits, so a row can appear behind the
    /// watermark by up to its transaction's duration). A row later than that is repaired by the sweep. Default 10 s.
    /// </summary>
    public TimeSpan WatermarkMargin { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Rows read from the booking database per query while catching up (default 50,000).</summary>
    public int PageSize { get; set; } = 50_000;

    /// <summary>
    /// Ids the delete sweep compares per refresh and table (default 50,000): every id range of the booking database
    /// is compared once per ⌈ids ÷ SweepIds⌉ refreshes, which bounds how late a deleted row leaves the figures.
    /// </summary>
    public int SweepIds { get; set; } = 50_000;

    /// <summary>How long one read of all figures may take in the database (statement_timeout).</summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The trailing window of the completion rate, payment success rate and busiest hours.</summary>
    public int WindowDays { get; set; } = 30;

    /// <summary>Share of finished appointments that should be completed (seed: 96.7 %).</summary>
    public double CompletionRateTarget { get; set; } = 0.967;

    /// <summary>Share of settled payments that should succeed (seed: 99.8 %).</summary>
    public double PaymentSuccessTarget { get; set; } = 0.998;
}

public sealed class BookingOptionsValidator : IValidateOptions<BookingOptions>
{
    public ValidateOptionsResult Validate(string? name, BookingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.Interval < TimeSpan.FromSeconds(1) || options.Interval > TimeSpan.FromHours(1))
        {
            failures.Add($"Bookings:Interval must be between 00:00:01 and 01:00:00 (was {options.Interval}).");
        }
        if (options.RefreshInterval < TimeSpan.FromSeconds(1) || options.RefreshInterval > TimeSpan.FromHours(1))
        {
            failures.Add($"Bookings:RefreshInterval must be between 00:00:01 and 01:00:00 (was {options.RefreshInterval}).");
        }
        if (options.WatermarkMargin < TimeSpan.Zero || options.WatermarkMargin > TimeSpan.FromHours(6))
        {
            failures.Add($"Bookings:WatermarkMargin must be between 00:00:00 and 06:00:00 (was {options.WatermarkMargin}).");
        }
        if (options.PageSize is < 100 or > 1_000_000)
        {
            failures.Add($"Bookings:PageSize must be between 100 and 1000000 (was {options.PageSize}).");
        }
        if (options.SweepIds is < 1_000 or > 100_000_000)
        {
            failures.Add($"Bookings:SweepIds must be between 1000 and 100000000 (was {options.SweepIds}).");
        }
        if (options.CommandTimeout < TimeSpan.FromMilliseconds(100) || options.CommandTimeout > TimeSpan.FromMinutes(1))
        {
            failures.Add($"Bookings:CommandTimeout must be between 00:00:00.1 and 00:01:00 (was {options.CommandTimeout}).");
        }
        if (options.WindowDays is < 1 or > 366)
        {
            failures.Add($"Bookings:WindowDays must be between 1 and 366 (was {options.WindowDays}).");
        }
        foreach (var (key, value) in new[] { ("CompletionRateTarget", options.CompletionRateTarget), ("PaymentSuccessTarget", options.PaymentSuccessTarget) })
        {
            if (double.IsNaN(value) || value <= 0 || value > 1)
            {
                failures.Add($"Bookings:{key} must be a fraction above 0 and at most 1 (was {value}).");
            }
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
