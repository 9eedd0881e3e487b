using System.Globalization;
using BarberPro.Core.Live;
using BarberPro.Core.Text;

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

/// <summary>One figure of the unit economics with its formula written out on the actual numbers (English: the API);
/// <see cref="FormulaPhrase"/> is the same formula for a page to word in its reader's language.</summary>
public sealed record UnitFigure(string Key, string Label, double? Value, string Unit, string Display, string Formula)
{
    /// <summary>The formula as a <see cref="Phrase"/>: its numbers typed, written the reader's way by the page.</summary>
    public Phrase? FormulaPhrase { get; init; }
}

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
        var users = inputs.ActiveUsers;
        var rps = inputs.AverageRequestsPerSecond;
        double? requests = rps * inputs.SecondsInMonth;
        var bookings = inputs.CompletedBookings;

        double? perUser = users is > 0 ? cost / users.Value : null;
        double? perMillionRequests = requests is > 0 ? cost / (requests.Value / 1_000_000) : null;
        double? rpsPerDollar = cost > 0 ? rps / cost : null;
        double? usersPerDollar = cost > 0 ? users / cost : null;
        double? perBooking = bookings is > 0 ? cost / bookings.Value : null;

        // The formulas' numbers as typed values (a missing one as the phrase "(no data)"), worded by the page.
        var costArg = Phrase.Of("Costs_Fx_Usd", "US$ {0:N2}", inputs.MonthlyCostUsd);
        object usersArg = users is { } us ? us : s_noData;
        object rpsArg = rps is { } rv ? rv : s_noData;
        object requestsArg = requests is { } rq ? (long)rq : s_noData;
        object bookingsArg = bookings is { } bk ? bk : s_noData;
        return
        [
            Figure("costPerUser", "Cost per user per month", perUser, "US$ per user per month", Usd(perUser, 2),
                Phrase.Of("Costs_Fx_CostPerUser", "{0} ÷ {1:N0} active users", costArg, usersArg)),
            Figure("costPerMillionRequests", "Cost per million requests", perMillionRequests, "US$ per million requests", Usd(perMillionRequests, 2),
                Phrase.Of("Costs_Fx_CostPerMillionRequests", "{0} ÷ ({1:N1} requests/s on average × {2:N0} s in the month = {3:N0} requests) × {4:N0}",
                    costArg, rpsArg, inputs.SecondsInMonth, requestsArg, 1_000_000)),
            Figure("rpsPerDollar", "Requests/s per dollar", rpsPerDollar, "requests/s per US$", rpsPerDollar is { } r ? r.ToString("N2", s_inv) + " rps per US$" : FigureFormat.NoData,
                Phrase.Of("Costs_Fx_RpsPerDollar", "{0:N1} rps average ÷ {1}", rpsArg, costArg)),
            Figure("usersPerDollar", "Users per dollar", usersPerDollar, "users per US$", usersPerDollar is { } u ? u.ToString("N2", s_inv) + " users per US$" : FigureFormat.NoData,
                Phrase.Of("Costs_Fx_UsersPerDollar", "{0:N0} active users ÷ {1}", usersArg, costArg)),
            Figure("costPerBooking", "Cost per completed booking", perBooking, "US$ per booking", Usd(perBooking, 2),
                Phrase.Of("Costs_Fx_CostPerBooking", "{0} ÷ {1:N0} completed bookings", costArg, bookingsArg)),
        ];
    }

    private static readonly Phrase s_noData = Phrase.Of("Costs_Fx_NoData", "(no data)");

    private static UnitFigure Figure(string key, string label, double? value, string unit, string display, Phrase formula) =>
        new(key, label, value, unit, display, formula.English) { FormulaPhrase = formula };

    /// <summary>The decimals a US$ figure is shown with: at least <paramref name="decimals"/>, more for tiny amounts so
    /// that three significant digits show.</summary>
    public static int DecimalsFor(double value, int decimals) =>
        value > 0 && value < 0.01 ? Math.Min(Math.Max(decimals, (int)Math.Ceiling(-Math.Log10(value)) + 2), 12) : decimals;

    /// <summary>The figures whose value is an amount of US dollars (shown in pesos too when the page shows ARS).</summary>
    public static bool IsMoney(UnitFigure figure) => figure?.Key is "costPerUser" or "costPerMillionRequests" or "costPerBooking";


    /// <summary>At least <paramref name="decimals"/> decimals, more for tiny amounts so three significant digits show.</summary>
    private static string Usd(double? value, int decimals)
    {
        if (value is not { } v)
        {
            return FigureFormat.NoData;
        }
        return "US$ " + v.ToString("N" + DecimalsFor(v, decimals).ToString(s_inv), s_inv);
    }

}
