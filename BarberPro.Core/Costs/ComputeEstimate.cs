using BarberPro.Core.Live;

namespace BarberPro.Core.Costs;

/// <summary>
/// This month's compute spend estimated from Prometheus: the pod-hours observed so far priced with the cost model,
/// and, at the same average pod count, the whole month.
/// </summary>
/// <param name="PodHours">Pod-hours of the backend deployment observed this month.</param>
/// <param name="ObservedHours">Hours of this month Prometheus holds samples for.</param>
/// <param name="HoursInMonth">Length of the month in hours.</param>
/// <param name="PricePerPodHourUsd">Blended price of a pod-hour (<see cref="CostModelOptions.EffectivePricePerPodHourUsd"/>).</param>
public sealed record ComputeEstimate(double PodHours, double ObservedHours, double HoursInMonth, double PricePerPodHourUsd)
{
    public double AveragePods => ObservedHours > 0 ? PodHours / ObservedHours : 0;

    /// <summary>Spend of the observed pod-hours.</summary>
    public decimal ObservedSpendUsd => (decimal)Math.Round(PodHours * PricePerPodHourUsd, 2);

    /// <summary>The month's spend if the average pod count holds for all of it.</summary>
    public decimal MonthEstimateUsd => (decimal)Math.Round(AveragePods * HoursInMonth * PricePerPodHourUsd, 2);

    public static double BlendedPrice(CostModelOptions model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.EffectivePricePerPodHourUsd;
    }
}
