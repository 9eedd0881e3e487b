using Microsoft.Extensions.Options;

namespace BarberPro.Simulator.Hosting;

/// <summary>Configuration section "Simulator".</summary>
public sealed class SimulatorOptions
{
    public const string SectionName = "Simulator";

    /// <summary>Seed of the model's random numbers: the same seed replays the same cluster.</summary>
    public int Seed { get; set; } = 20260101;

    /// <summary>How often the background loop advances the model.</summary>
    public TimeSpan TickInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Scenario at start-up.</summary>
    public string InitialScenario { get; set; } = "normal";
}

public sealed class SimulatorOptionsValidator : IValidateOptions<SimulatorOptions>
{
    public ValidateOptionsResult Validate(string? name, SimulatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        if (options.TickInterval < TimeSpan.FromMilliseconds(100) || options.TickInterval > TimeSpan.FromSeconds(60))
        {
            problems.Add($"{SimulatorOptions.SectionName}:{nameof(SimulatorOptions.TickInterval)} must be between 00:00:00.1 and 00:01:00 (was {options.TickInterval}).");
        }

        if (!Cluster.ClusterScenarios.TryGet(options.InitialScenario, out _))
        {
            problems.Add($"{SimulatorOptions.SectionName}:{nameof(SimulatorOptions.InitialScenario)} '{options.InitialScenario}' is unknown; use one of {Cluster.ClusterScenarios.KnownNames}.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
