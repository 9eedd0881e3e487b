namespace BarberPro.Simulator.Cluster;

/// <summary>
/// A deterministic model of the BarberPro production cluster: traffic, request latency and status codes,
/// the HPA and its pods, their CPU and memory, PostgreSQL, Redis and per-city probes. Everything random
/// comes from the injected seed and time only from the arguments of <see cref="Advance"/> (and the
/// injected <see cref="TimeProvider"/> for when a scenario was chosen), so the same seed and the same
/// calls give the same numbers. Not thread safe: <see cref="ClusterModelHost"/> serialises access.
///
/// CPU semantics: <c>container_cpu_usage_seconds_total</c> counts CPU seconds per pod, so its rate is
/// cores in use. Each API pod requests one core (<see cref="CpuRequestCores"/>), hence
/// <c>rate(container_cpu_usage_seconds_total{container="barberpro-api"}[5m])</c> is also the utilisation
/// the HPA compares with its 70 % target, and the HighCPUUsage rule reads
/// <c>avg(rate(container_cpu_usage_seconds_total{container="barberpro-api"}[5m])) &gt; 0.8</c>.
/// (The seeds' manifest requests 500m; one core keeps utilisation and cores the same number in PromQL.)
/// </summary>
public sealed class ClusterModel
{
    public const double CpuRequestCores = 1.0;
    public const double MemoryLimitBytes = 4d * 1024 * 1024 * 1024;
    public const string Namespace = "barberpro-production";
    public const string Deployment = "barberpro-backend";
    public const string HpaName = "barberpro-backend-hpa";
    public const string Container = "barberpro-api";

    /// <summary>
    /// Histogram boundaries of http_request_duration_seconds, with 0.1 s (the alert) and 0.25 s as edges. Kept to
    /// nine: the buckets are most of the backfill's size, and none below 10 ms or above 2.5 s ever changes a quantile here.
    /// </summary>
    public static IReadOnlyList<double> LatencyBuckets { get; } = [0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 1, 2.5];

    /// <summary>The largest step simulated at once; longer advances are split so the HPA still syncs every 15 s.</summary>
    public static readonly TimeSpan MaxStep = TimeSpan.FromSeconds(5);

    private const double GiB = 1024d * 1024 * 1024;
    private static readonly double[] s_bounds = [.. LatencyBuckets];
    private const double IdleCoresPerPod = 0.02;
    private static readonly TimeSpan s_podStartup = TimeSpan.FromSeconds(20);
    private static readonly (string Method, double Share, string Success, string ClientError)[] s_methods =
    [
        ("GET", 0.72, "200", "404"),
        ("POST", 0.20, "201", "400"),
        ("PUT", 0.05, "200", ""),
        ("DELETE", 0.03, "204", ""),
    ];

    private static readonly (string City, double BaseSeconds)[] s_cities =
    [
        ("Buenos Aires", 0.022), ("Córdoba", 0.046), ("Rosario", 0.034), ("Mendoza", 0.068),
    ];

    private readonly Random _random;
    private readonly TimeProvider _timeProvider;
    private readonly HorizontalPodAutoscaler _hpa = new();
    private readonly List<Pod> _pods = [];
    private readonly RequestSeries[] _series;
    private readonly double[] _shares;
    private readonly double[] _means;
    private readonly double[] _probeSeconds = new double[s_cities.Length];
    private DateTimeOffset _now;
    private DateTimeOffset _nextHpaSync;
    private double _trafficNoise;
    private double _requestsPerSecond;
    private double _cpuUtilisation;
    private int _specReplicas;

    public ClusterModel(int seed, TimeProvider timeProvider, DateTimeOffset start)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _random = new Random(seed);
        _timeProvider = timeProvider;
        _now = start;
        _nextHpaSync = start + HorizontalPodAutoscaler.SyncPeriod;
        ScenarioSince = timeProvider.GetUtcNow();
        _series = [.. s_methods.SelectMany(m => CodesOf(m).Select(code => new RequestSeries(m.Method, code, LatencyBuckets.Count + 1)))];
        _shares = new double[LatencyBuckets.Count + 1];
        _means = new double[LatencyBuckets.Count + 1];
        for (var i = 0; i < s_cities.Length; i++)
        {
            _probeSeconds[i] = s_cities[i].BaseSeconds;
        }

        // Start in the steady state the HPA would have reached for this hour's traffic, not at 5 pods.
        _requestsPerSecond = TargetRequestsPerSecond(start);
        var demand = (_requestsPerSecond * Scenario.CpuSecondsPerRequest) / CpuRequestCores;
        _specReplicas = Math.Clamp((int)Math.Ceiling(demand / 0.65), HorizontalPodAutoscaler.MinReplicas, HorizontalPodAutoscaler.MaxReplicas);
        for (var i = 0; i < _specReplicas; i++)
        {
            _pods.Add(NewPod(start - TimeSpan.FromHours(6)));
        }

        _cpuUtilisation = demand / _specReplicas;
    }

    public ClusterScenario Scenario { get; private set; } = ClusterScenarios.Normal;

    /// <summary>When the current scenario was chosen, from the injected clock.</summary>
    public DateTimeOffset ScenarioSince { get; private set; }

    public DateTimeOffset Now => _now;

    public void SetScenario(ClusterScenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        if (scenario != Scenario)
        {
            Scenario = scenario;
            ScenarioSince = _timeProvider.GetUtcNow();
        }
    }

    /// <summary>Moves the model forward by <paramref name="elapsed"/>, ending at <paramref name="now"/>.</summary>
    public ClusterSnapshot Advance(TimeSpan elapsed, DateTimeOffset now)
    {
        if (elapsed < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(elapsed), elapsed, "Time only moves forward.");
        }

        var remaining = elapsed;
        _now = now - elapsed;
        if (_nextHpaSync < _now)
        {
            _nextHpaSync = _now + HorizontalPodAutoscaler.SyncPeriod;
        }

        while (remaining > TimeSpan.Zero)
        {
            var step = remaining < MaxStep ? remaining : MaxStep;
            Step(step);
            remaining -= step;
        }

        _now = now;
        return Snapshot();
    }

    public ClusterSnapshot Snapshot()
    {
        var running = _pods.Where(p => p.IsRunning(_now)).ToList();
        return new ClusterSnapshot(
            _now,
            Scenario.Name,
            _requestsPerSecond,
            _cpuUtilisation,
            [.. _series.Select(s => new RequestSeriesSnapshot(s.Method, s.Code, [.. s.BucketCounts], [.. s.BucketSums]))],
            new HpaSnapshot(HorizontalPodAutoscaler.MinReplicas, HorizontalPodAutoscaler.MaxReplicas, running.Count, _specReplicas, _specReplicas),
            [.. running.Select(p => new PodSnapshot(p.Name, p.CpuSecondsTotal, p.MemoryBytes, MemoryLimitBytes))],
            Scenario.PostgresUp,
            Scenario.RedisUp,
            [.. s_cities.Select((c, i) => new ProbeSnapshot(c.City, _probeSeconds[i]))]);
    }

    private void Step(TimeSpan step)
    {
        var dt = step.TotalSeconds;
        _now += step;

        // Traffic: the daily curve times slow multiplicative noise (AR(1), ~3 % standard deviation, 2 min memory).
        var phi = Math.Exp(-dt / 120);
        _trafficNoise = (phi * _trafficNoise) + (Math.Sqrt(1 - (phi * phi)) * 0.03 * Gaussian());
        _requestsPerSecond = TargetRequestsPerSecond(_now) * (1 + _trafficNoise);

        var running = _pods.Where(p => p.IsRunning(_now)).ToList();
        var demandCores = (_requestsPerSecond * Scenario.CpuSecondsPerRequest) + (running.Count * IdleCoresPerPod);
        var perPodCores = demandCores / Math.Max(1, running.Count);
        _cpuUtilisation = perPodCores / CpuRequestCores;
        foreach (var pod in running)
        {
            var cores = perPodCores * pod.CpuFactor * (1 + (0.02 * Gaussian()));
            pod.LastCores = Math.Max(0, cores);
            pod.CpuSecondsTotal += pod.LastCores * dt;
            var utilisation = cores / CpuRequestCores;
            var warm = 1 - Math.Exp(-(_now - pod.StartedAt).TotalSeconds / 120);
            var memory = ((0.6 * GiB) + (0.8 * GiB * warm) + (GiB * Math.Min(utilisation, 1.2)) + Scenario.MemoryBacklogBytes) * pod.MemoryFactor;
            pod.MemoryBytes = Math.Min(memory, 0.97 * MemoryLimitBytes);
        }

        RecordRequests(dt);
        UpdateProbes(dt);

        if (_now >= _nextHpaSync)
        {
            _nextHpaSync += HorizontalPodAutoscaler.SyncPeriod;
            // Like the controller, pods still starting count as using nothing, so it does not overshoot.
            var hpaUtilisation = running.Sum(p => p.LastCores) / (_specReplicas * CpuRequestCores);
            var desired = _hpa.Evaluate(_now, _specReplicas, hpaUtilisation);
            Scale(desired);
        }
    }

    private double TargetRequestsPerSecond(DateTimeOffset instant)
    {
        var rps = DailyTrafficCurve.RequestsPerSecond(instant) * Scenario.TrafficMultiplier;
        return Math.Clamp(rps, Scenario.MinRequestsPerSecond, Scenario.MaxRequestsPerSecond);
    }

    private void RecordRequests(double dt)
    {
        // Latency grows a little once pods run hot (queueing), on top of the scenario's own latency.
        var saturation = 1 + (0.6 * Math.Max(0, _cpuUtilisation - 0.8));
        LatencyDistribution.Compute(Scenario.MedianLatencySeconds * saturation, Scenario.LatencySigma, s_bounds, _shares, _means);
        var requests = _requestsPerSecond * dt;
        foreach (var series in _series)
        {
            var expected = requests * ShareOf(series.Method, series.Code);
            for (var b = 0; b < _shares.Length; b++)
            {
                // Fractional requests carry over to the next step: counts stay integers and exact on average.
                series.Carry[b] += expected * _shares[b];
                var whole = Math.Floor(series.Carry[b]);
                if (whole > 0)
                {
                    series.Carry[b] -= whole;
                    series.BucketCounts[b] += (long)whole;
                    series.BucketSums[b] += whole * _means[b];
                }
            }
        }
    }

    private double ShareOf(string method, string code)
    {
        var (_, methodShare, success, clientError) = s_methods.First(m => m.Method == method);
        if (clientError.Length == 0)
        {
            return code == success ? methodShare : 0;
        }

        // 5xx come from GET and POST only; scaled so that the platform-wide share is the scenario's.
        var serverErrors = Math.Min(0.95, Scenario.ServerErrorShare / (s_methods[0].Share + s_methods[1].Share));
        var clientErrors = method == "GET" ? 0.006 : 0.01;
        return methodShare * code switch
        {
            "503" => serverErrors * Scenario.ServiceUnavailableShareOfErrors,
            "500" => serverErrors * (1 - Scenario.ServiceUnavailableShareOfErrors),
            _ when code == clientError => clientErrors,
            _ => 1 - serverErrors - clientErrors,
        };
    }

    private static IEnumerable<string> CodesOf((string Method, double Share, string Success, string ClientError) method) =>
        method.ClientError.Length == 0 ? [method.Success] : [method.Success, method.ClientError, "500", "503"];

    private void UpdateProbes(double dt)
    {
        var phi = Math.Exp(-dt / 60);
        for (var i = 0; i < s_cities.Length; i++)
        {
            var baseline = s_cities[i].BaseSeconds;
            var next = baseline + (phi * (_probeSeconds[i] - baseline)) + (Math.Sqrt(1 - (phi * phi)) * 0.12 * baseline * Gaussian());
            _probeSeconds[i] = Math.Clamp(next, 0.6 * baseline, 1.35 * baseline);
        }
    }

    private void Scale(int desired)
    {
        _specReplicas = desired;
        while (_pods.Count < desired)
        {
            _pods.Add(NewPod(_now));
        }

        // Like the ReplicaSet controller, remove the youngest pods first (not yet started, then newest).
        if (_pods.Count > desired)
        {
            _pods.Sort(static (a, b) => a.StartedAt.CompareTo(b.StartedAt));
            _pods.RemoveRange(desired, _pods.Count - desired);
        }
    }

    private Pod NewPod(DateTimeOffset createdAt)
    {
        const string Alphabet = "bcdfghjklmnpqrstvwxz2456789";
        Span<char> suffix = stackalloc char[5];
        string name;
        do
        {
            for (var i = 0; i < suffix.Length; i++)
            {
                suffix[i] = Alphabet[_random.Next(Alphabet.Length)];
            }

            name = $"{Deployment}-6d5f8b7c9-{suffix}";
        }
        while (_pods.Any(p => p.Name == name));

        return new Pod(name, createdAt, createdAt + s_podStartup, 1 + (0.05 * Gaussian()), 1 + (0.03 * Gaussian()));
    }

    private double Gaussian()
    {
        // Box–Muller; 1 - NextDouble() avoids log(0).
        var u1 = 1 - _random.NextDouble();
        var u2 = _random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    private sealed class Pod(string name, DateTimeOffset createdAt, DateTimeOffset startedAt, double cpuFactor, double memoryFactor)
    {
        public string Name { get; } = name;

        public DateTimeOffset CreatedAt { get; } = createdAt;

        public DateTimeOffset StartedAt { get; } = startedAt;

        public double CpuFactor { get; } = cpuFactor;

        public double MemoryFactor { get; } = memoryFactor;

        public double CpuSecondsTotal { get; set; }

        public double LastCores { get; set; }

        public double MemoryBytes { get; set; } = 0.6 * GiB;

        public bool IsRunning(DateTimeOffset now) => now >= StartedAt;
    }

    private sealed class RequestSeries(string method, string code, int buckets)
    {
        public string Method { get; } = method;

        public string Code { get; } = code;

        public long[] BucketCounts { get; } = new long[buckets];

        public double[] BucketSums { get; } = new double[buckets];

        public double[] Carry { get; } = new double[buckets];
    }
}
