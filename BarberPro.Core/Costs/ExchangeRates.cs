namespace BarberPro.Core.Costs;

/// <summary>Which USD→ARS rate applies to a month: the latest one dated on or before the month's last day.</summary>
public static class ExchangeRates
{
    public static UsdArsRate? ForMonth(IReadOnlyList<UsdArsRate> rates, DateOnly month)
    {
        ArgumentNullException.ThrowIfNull(rates);
        var last = new DateOnly(month.Year, month.Month, 1).AddMonths(1).AddDays(-1);
        return rates.Where(r => r.EffectiveDate <= last).MaxBy(r => r.EffectiveDate);
    }

    public static decimal ToArs(decimal usd, UsdArsRate rate)
    {
        ArgumentNullException.ThrowIfNull(rate);
        return decimal.Round(usd * rate.ArsPerUsd, 2, MidpointRounding.AwayFromZero);
    }
}
