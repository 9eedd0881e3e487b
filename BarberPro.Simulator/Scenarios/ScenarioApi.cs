using BarberPro.Simulator.Cluster;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BarberPro.Simulator.Scenarios;

public sealed record ScenarioState(string Name, DateTimeOffset Since, string Description);

public static class ScenarioApi
{
    public static IEndpointRouteBuilder MapScenarioApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var group = endpoints.MapGroup("/scenario");
        group.MapGet("/", GetScenario).WithName("GetScenario");
        group.MapPost("/{name}", SetScenario).WithName("SetScenario");
        return endpoints;
    }

    public static Ok<ScenarioState> GetScenario(ClusterModelHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var (scenario, since) = host.CurrentScenario();
        return TypedResults.Ok(new ScenarioState(scenario.Name, since, scenario.Description));
    }

    public static Results<Ok<ScenarioState>, ProblemHttpResult> SetScenario(string name, ClusterModelHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        if (!ClusterScenarios.TryGet(name, out var scenario))
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: "Unknown scenario",
                detail: $"Unknown scenario '{name}'. Known scenarios: {ClusterScenarios.KnownNames}.");
        }

        var (current, since) = host.SwitchScenario(scenario);
        return TypedResults.Ok(new ScenarioState(current.Name, since, current.Description));
    }
}
