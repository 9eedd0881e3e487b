namespace BarberPro.Core.Prometheus;

/// <summary>The <c>resultType</c> of a PromQL evaluation.</summary>
public enum PrometheusResultType
{
    Vector,
    Matrix,
    Scalar,
    String,
}

/// <summary>One sample: when (millisecond precision, UTC) and the value, which may be NaN or ±Infinity.</summary>
public readonly record struct PrometheusSample(DateTimeOffset Timestamp, double Value);

/// <summary>One series of an instant vector: its labels and its single sample.</summary>
public sealed record PrometheusInstantSeries(IReadOnlyDictionary<string, string> Labels, PrometheusSample Sample);

/// <summary>One series of a range matrix: its labels and its points in time order.</summary>
public sealed record PrometheusRangeSeries(IReadOnlyDictionary<string, string> Labels, IReadOnlyList<PrometheusSample> Points);

/// <summary>
/// A successful PromQL evaluation. Closed hierarchy: <see cref="PrometheusVector"/>, <see cref="PrometheusMatrix"/>,
/// <see cref="PrometheusScalar"/>, <see cref="PrometheusString"/>. An empty vector or matrix means "no series matched",
/// never "Prometheus is unreachable" (that is a <see cref="PrometheusException"/>).
/// </summary>
public abstract record PrometheusQueryResult
{
    private protected PrometheusQueryResult(IReadOnlyList<string> warnings, IReadOnlyList<string> infos)
    {
        Warnings = warnings;
        Infos = infos;
    }

    public abstract PrometheusResultType ResultType { get; }

    /// <summary>Warnings Prometheus attached to a successful answer (e.g. partial data).</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>Informational notices Prometheus attached (e.g. "metric might not be a counter").</summary>
    public IReadOnlyList<string> Infos { get; }
}

public sealed record PrometheusVector : PrometheusQueryResult
{
    public PrometheusVector(IReadOnlyList<PrometheusInstantSeries> series, IReadOnlyList<string>? warnings = null, IReadOnlyList<string>? infos = null)
        : base(warnings ?? [], infos ?? [])
    {
        Series = series;
    }

    public override PrometheusResultType ResultType => PrometheusResultType.Vector;

    public IReadOnlyList<PrometheusInstantSeries> Series { get; }

    public bool IsEmpty => Series.Count == 0;

    /// <summary>The value of a one-series vector (the usual shape of an aggregated panel query).</summary>
    /// <exception cref="InvalidOperationException">When the vector holds more than one series.</exception>
    public bool TryGetSingleValue(out PrometheusSample sample)
    {
        if (Series.Count > 1)
        {
            throw new InvalidOperationException($"Expected at most one series but the vector holds {Series.Count}; aggregate the query (e.g. sum(...)).");
        }

        sample = Series.Count == 1 ? Series[0].Sample : default;
        return Series.Count == 1;
    }
}

public sealed record PrometheusMatrix : PrometheusQueryResult
{
    public PrometheusMatrix(IReadOnlyList<PrometheusRangeSeries> series, IReadOnlyList<string>? warnings = null, IReadOnlyList<string>? infos = null)
        : base(warnings ?? [], infos ?? [])
    {
        Series = series;
    }

    public override PrometheusResultType ResultType => PrometheusResultType.Matrix;

    public IReadOnlyList<PrometheusRangeSeries> Series { get; }

    public bool IsEmpty => Series.Count == 0;
}

public sealed record PrometheusScalar : PrometheusQueryResult
{
    public PrometheusScalar(PrometheusSample sample, IReadOnlyList<string>? warnings = null, IReadOnlyList<string>? infos = null)
        : base(warnings ?? [], infos ?? [])
    {
        Sample = sample;
    }

    public override PrometheusResultType ResultType => PrometheusResultType.Scalar;

    public PrometheusSample Sample { get; }
}

public sealed record PrometheusString : PrometheusQueryResult
{
    public PrometheusString(DateTimeOffset timestamp, string value, IReadOnlyList<string>? warnings = null, IReadOnlyList<string>? infos = null)
        : base(warnings ?? [], infos ?? [])
    {
        Timestamp = timestamp;
        Value = value;
    }

    public override PrometheusResultType ResultType => PrometheusResultType.String;

    public DateTimeOffset Timestamp { get; }

    public string Value { get; }
}

public enum PrometheusAlertState
{
    Inactive,
    Pending,
    Firing,
}

/// <summary>An alert from <c>/api/v1/alerts</c>.</summary>
public sealed record PrometheusAlert(
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyDictionary<string, string> Annotations,
    PrometheusAlertState State,
    DateTimeOffset? ActiveAt,
    double Value)
{
    /// <summary>The <c>alertname</c> label.</summary>
    public string Name => Labels.TryGetValue("alertname", out var name) ? name : string.Empty;

    /// <summary>The <c>severity</c> label, when the rule sets one.</summary>
    public string? Severity => Labels.TryGetValue("severity", out var severity) ? severity : null;
}

public enum PrometheusRuleType
{
    Alerting,
    Recording,
}

/// <summary>A rule's <c>health</c>: <c>unknown</c> until its first evaluation, <c>err</c> when the last one failed.</summary>
public enum PrometheusRuleHealth
{
    Unknown,
    Ok,
    Err,
}

/// <summary>
/// A rule group from <c>/api/v1/rules</c>: the rules Prometheus has loaded and evaluates every <see cref="Interval"/>.
/// <see cref="LastEvaluation"/> is null before the group's first evaluation.
/// </summary>
public sealed record PrometheusRuleGroup(
    string Name,
    string File,
    TimeSpan Interval,
    DateTimeOffset? LastEvaluation,
    IReadOnlyList<PrometheusRule> Rules);

/// <summary>One loaded rule; <see cref="LastError"/> is what its last evaluation failed with, if it did.</summary>
public sealed record PrometheusRule(
    string Name,
    PrometheusRuleType Type,
    PrometheusRuleHealth Health,
    string? LastError,
    DateTimeOffset? LastEvaluation);

/// <summary>What <c>/api/v1/status/buildinfo</c> says about the server.</summary>
public sealed record PrometheusBuildInfo(string Version, string? Revision, string? Branch, string? GoVersion);

/// <summary>Outcome of a reachability check; <see cref="Detail"/> explains a failure for /ready and logs.</summary>
public sealed record PrometheusReadiness(bool IsReady, string Detail, TimeSpan Elapsed);
