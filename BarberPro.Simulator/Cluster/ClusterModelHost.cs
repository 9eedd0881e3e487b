namespace BarberPro.Simulator.Cluster;

/// <summary>
/// Owns the one <see cref="ClusterModel"/> of the process (singleton) and serialises access to it: the
/// background loop advances it, HTTP requests switch scenarios, metric callbacks read <see cref="Latest"/>.
/// </summary>
public sealed class ClusterModelHost
{
    private readonly Lock _lock = new();
    private readonly ClusterModel _model;
    private volatile ClusterSnapshot _latest;

    public ClusterModelHost(ClusterModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        _model = model;
        _latest = model.Snapshot();
    }

    public ClusterSnapshot Latest => _latest;

    /// <summary>Advances the model up to <paramref name="now"/> and returns the latest snapshot.</summary>
    public ClusterSnapshot AdvanceTo(DateTimeOffset now)
    {
        lock (_lock)
        {
            var elapsed = now - _model.Now;
            if (elapsed > TimeSpan.Zero)
            {
                _latest = _model.Advance(elapsed, now);
            }

            return _latest;
        }
    }

    public (ClusterScenario Scenario, DateTimeOffset Since) CurrentScenario()
    {
        lock (_lock)
        {
            return (_model.Scenario, _model.ScenarioSince);
        }
    }

    public (ClusterScenario Scenario, DateTimeOffset Since) SwitchScenario(ClusterScenario scenario)
    {
        lock (_lock)
        {
            _model.SetScenario(scenario);

            // Publish at once so up/down gauges flip on the next scrape, not the next tick.
            _latest = _model.Snapshot();
            return (_model.Scenario, _model.ScenarioSince);
        }
    }
}
