using BarberPro.Core.Live;
using System.Globalization;

namespace BarberPro.Core.Costs;

/// <summary>What one month's unit economics are computed from. Null where the source did not answer.</summary>
/// <param name="MonthlyCostUsd">The month's total cost entries.</param>
/// <param name="ActiveUsers">Customers who booked in the month (booking database).</param>
/// <param name="AverageRequestsPerSecond">Mean requests/s over the part of the month Prometheus holds.</param>
/// <param name="SecondsInMonth">Length of the month, for requests = mean rate × seconds.</param>
/// <param name="CompletedBookings">Appointments completed in the month (booking database).</param>
public sealed record UnitEconomicsInputs(
    decimal MonthlyCostUsd,
    long? ActiveUsers,
    double? AverageRequestsPerSecond,
    double SecondsInMonth,
    long? CompletedBookings);

/// <summary>One figure of the unit economics with its formula written out on the actual numbers.</summary>
public sealed record UnitFigure(string Key, string Label, double? Value, string Unit, string Display, string Formula);

/// <summary>
/// The unit economics of SPEC.md: cost per user per month, cost per request (per million, a unit people read),
/// requests/s per dollar, users per dollar, plus cost per completed booking. Pure arithmetic on <see cref="UnitEconomicsInputs"/>; a missing input or a zero
/// denominator gives "no data", never 0 or infinity.
/// </summary>
public static class UnitEconomics
{
    private static readonly CultureInfo s_inv = CultureInfo.InvariantCulture;

    public static IReadOnlyList<UnitFigure> Compute(UnitEconomicsInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var cost = (double)inputs.MonthlyCostUsd;
        var costText = Money.Usd(inputs.MonthlyCostUsd);
        var users = inputs.ActiveUsers;
        var rps = inputs.AverageRequestsPerSecond;
        double? requests = rps * inputs.SecondsInMonth;
        var bookings = inputs.CompletedBookings;

        double? perUser = users is > 0 ? cost / users.Value : null;
        double? perMillionRequests = requests is > 0 ? cost / (requests.Value / 1_000_000) : null;
        double? rpsPerDollar = cost > 0 ? rps / cost : null;
        double? usersPerDollar = cost > 0 ? users / cost : null;
        double? perBooking = bookings is > 0 ? cost / bookings.Value : null;

        return
        [
            new("costPerUser", "Cost per user per month", perUser, "US$ per user per month", Usd(perUser, 2),
                $"{costText} ÷ {Count(users)} active users"),
            new("costPerMillionRequests", "Cost per million requests", perMillionRequests, "US$ per million requests", Usd(perMillionRequests, 2),
                $"{costText} ÷ ({Number(rps, 1)} requests/s on average × {inputs.SecondsInMonth.ToString("N0", s_inv)} s in the month = {Count((long?)requests)} requests) × 1,000,000"),
            new("rpsPerDollar", "Requests/s per dollar", rpsPerDollar, "requests/s per US$", rpsPerDollar is { } r ? r.ToString("N2", s_inv) + " rps per US$" : FigureFormat.NoData,
                $"{Number(rps, 1)} rps average ÷ {costText}"),
            new("usersPerDollar", "Users per dollar", usersPerDollar, "users per US$", usersPerDollar is { } u ? u.ToString("N2", s_inv) + " users per US$" : FigureFormat.NoData,
                $"{Count(users)} active users ÷ {costText}"),
            new("costPerBooking", "Cost per completed booking", perBooking, "US$ per booking", Usd(perBooking, 2),
                $"{costText} ÷ {Count(bookings)} completed bookings"),
        ];
    }

    /// <summary>The figures whose value is an amount of US dollars (shown in pesos too when the page shows ARS).</summary>
    public static bool IsMoney(UnitFigure figure) => figure?.Key is "costPerUser" or "costPerMillionRequests" or "costPerBooking";


    /// <summary>At least <paramref name="decimals"/> decimals, more for tiny amounts so three significant digits show.</summary>
    private static string Usd(double? value, int decimals)
    {
        if (value is not { } v)
        {
            return FigureFormat.NoData;
        }
        if (v > 0 && v < 0.01)
        {
            decimals = Math.Max(decimals, (int)Math.Ceiling(-Math.Log10(v)) + 2);
        }
        return "US$ " + v.ToString("N" + Math.Min(decimals, 12).ToString(s_inv), s_inv);
    }

    private static string Count(long? value) => value is { } v ? v.ToString("N0", s_inv) : "(no data)";

    private static string Number(double? value, int decimals) => value is { } v ? v.ToString("N" + decimals.ToString(s_inv), s_inv) : "(no data)";
}
