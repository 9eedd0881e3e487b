using Microsoft.Extensions.Options;

namespace BarberPro.Core.Live;

/// <summary>
/// Section <c>CostModel</c>: what one backend pod costs per hour, for the live compute-cost estimate. Of all pod-hours,
/// <see cref="ReservedCoverage"/> are billed at the reserved price; of the rest, <see cref="SpotShare"/> run on spot.
/// </summary>
public sealed class CostModelOptions
{
    public const string SectionName = "CostModel";

    /// <summary>On-demand price of one pod-hour in USD.</summary>
    public double OnDemandPricePerPodHourUsd { get; set; } = 0.40;

    /// <summary>Share of pod-hours covered by reserved capacity (seed: 85 %).</summary>
    public double ReservedCoverage { get; set; } = 0.85;

    /// <summary>Discount of reserved capacity against on-demand.</summary>
    public double ReservedDiscount { get; set; } = 0.40;

    /// <summary>Share of the pod-hours not covered by reservations that run on spot instances (seed: 60 %).</summary>
    public double SpotShare { get; set; } = 0.60;

    /// <summary>Discount of spot against on-demand.</summary>
    public double SpotDiscount { get; set; } = 0.70;

    /// <summary>The blended price of one pod-hour under this model.</summary>
    public double EffectivePricePerPodHourUsd
    {
        get
        {
            var price = OnDemandPricePerPodHourUsd;
            var uncovered = 1 - ReservedCoverage;
            return (ReservedCoverage * price * (1 - ReservedDiscount))
                + (uncovered * SpotShare * price * (1 - SpotDiscount))
                + (uncovered * (1 - SpotShare) * price);
        }
    }
}

public sealed class CostModelOptionsValidator : IValidateOptions<CostModelOptions>
{
    public ValidateOptionsResult Validate(string? name, CostModelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (double.IsNaN(options.OnDemandPricePerPodHourUsd) || options.OnDemandPricePerPodHourUsd <= 0)
        {
            failures.Add("CostModel:OnDemandPricePerPodHourUsd must be a positive price in USD.");
        }
        foreach (var (key, value) in new[]
        {
            ("ReservedCoverage", options.ReservedCoverage), ("ReservedDiscount", options.ReservedDiscount),
            ("SpotShare", options.SpotShare), ("SpotDiscount", options.SpotDiscount),
        })
        {
            if (double.IsNaN(value) || value < 0 || value > 1)
            {
                failures.Add($"CostModel:{key} must be a fraction between 0 and 1 (was {value}).");
            }
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
