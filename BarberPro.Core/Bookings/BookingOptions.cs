using Microsoft.Extensions.Options;

namespace BarberPro.Core.Bookings;

/// <summary>
/// Section <c>Bookings</c>: how the booking figures are read. The connection string itself is
/// <c>ConnectionStrings:Bookings</c> (read-only role); without it the booking panel says "not configured".
/// </summary>
public sealed class BookingOptions
{
    public const string SectionName = "Bookings";

    /// <summary>How often the figures are read, on the live poller's slower cadence (default 30 s).</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(30);

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
