using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using BarberPro.Core.Charts;
using BarberPro.Core.Live;
using BarberPro.Core.Prometheus;
using BarberPro.Core.Security;
using BarberPro.Dashboard.Charts;
using BarberPro.Dashboard.Localization;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BarberPro.Dashboard.Tests.Charts;

/// <summary>
/// A bUnit context for the chart components: the real <see cref="ChartSeriesCache"/> over a Prometheus client whose
/// fake HTTP handler counts every range query, a real <see cref="LiveSnapshotStore"/>, a manual clock, a signed-in user
/// and the chart module's JS interop recorded. The bands come from <paramref name="events"/> when given (an integration
/// test's store over a real database), else from a store the test publishes to (its database never answers).
/// </summary>
internal sealed class ChartTestHost : IDisposable
{
    /// <summary>A quarter past three in the afternoon UTC (12:15 ART), on a 15-minute boundary: every range's window ends now.</summary>
    public static readonly DateTimeOffset Now = new(2031, 3, 10, 15, 15, 0, TimeSpan.Zero);

    private readonly HttpClient _http;

    public ChartTestHost(string role = Roles.Operator, ChartEventStore? events = null)
    {
        var prometheusOptions = Options.Create(new PrometheusOptions
        {
            BaseUrl = "http://prometheus.test:9090/",
            RetryCount = 0,
            RetryBaseDelay = TimeSpan.Zero,
            Timeout = TimeSpan.FromSeconds(10),
            CircuitBreakerMinimumThroughput = 1000,
        });
        _http = new HttpClient(Prometheus) { BaseAddress = prometheusOptions.Value.GetBaseUri() };
        var client = new PrometheusClient(_http, new PrometheusResilience(prometheusOptions, Time, new TestLogger<PrometheusResilience>()),
            prometheusOptions, new TestLogger<PrometheusClient>(), Time,
            new PrometheusQueryMetrics(global::Prometheus.Metrics.WithCustomRegistry(global::Prometheus.Metrics.NewCustomRegistry())));
        Catalog = new PanelQueryCatalog(Options.Create(new PanelQueryOptions()));
        Cache = new ChartSeriesCache(client, Catalog, Time);
        Store = new LiveSnapshotStore(Options.Create(LiveOptions));

        Context.Services.AddSingleton<TimeProvider>(Time);
        Context.Services.AddSingleton(Catalog);
        Context.Services.AddSingleton(Cache);
        Context.Services.AddSingleton(Store);
        var nowhere = Npgsql.NpgsqlDataSource.Create("Host=127.0.0.1;Port=1;Timeout=1");
        Events = events ?? new ChartEventStore(new BarberPro.Core.Alerts.AlertHistoryStore(nowhere), new BarberPro.Core.Alerts.AlertInboxStore(),
            new BarberPro.Core.Incidents.IncidentStore(nowhere), new BarberPro.Core.Incidents.IncidentSummaryStore(), Time,
            new TestLogger<ChartEventStore>());
        Context.Services.AddSingleton(Events);
        Frames = new LiveChartFrames(Options.Create(LiveOptions), Catalog, Events);
        Context.Services.AddSingleton(Frames);
        Context.Services.AddSingleton(Options.Create(LiveOptions));
        Context.Services.AddLogging();
        // The words of the grid and of what Core shapes for it, in both languages as in the app.
        Context.Services.AddDashboardStrings();
        Context.Services.AddSingleton<ILiveWords>(sp => new BarberPro.Dashboard.Live.ResourceLiveWords(
            sp.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<BarberPro.Dashboard.Localization.Strings>>(), "es-AR"));
        // CircuitAccess as in the app; its audit row cannot be written here (no database), which it logs and survives.
        Context.Services.AddSingleton(nowhere);
        Context.Services.AddSingleton<BarberPro.Dashboard.Security.SecurityAudit>();
        Context.Services.AddScoped<BarberPro.Dashboard.Security.CircuitAccess>();
        Authorization = Context.AddAuthorization();
        Authorization.SetAuthorized("ana");
        SetRole(role);
        Context.JSInterop.Mode = JSRuntimeMode.Loose;
        Module = Context.JSInterop.SetupModule(ApexChart.ModulePath);
        Module.Mode = JSRuntimeMode.Loose;
    }

    public BunitContext Context { get; } = new();

    public ManualTimeProvider Time { get; } = new(Now);

    public CountingPrometheus Prometheus { get; } = new();

    public LiveOptions LiveOptions { get; } = new();

    public PanelQueryCatalog Catalog { get; }

    public ChartSeriesCache Cache { get; }

    public LiveSnapshotStore Store { get; }

    public LiveChartFrames Frames { get; }

    /// <summary>The bands' store (<see cref="ChartEventStore.Publish"/> sets what the charts mark).</summary>
    public ChartEventStore Events { get; }

    public BunitAuthorizationContext Authorization { get; }

    public BunitJSModuleInterop Module { get; }

    /// <summary>The user's role, and the policies it meets as the app's rules define them (bUnit checks policies by name).</summary>
    public void SetRole(string role)
    {
        // Policies first: setting the roles is what tells the components the state changed.
        Authorization.SetPolicies(Roles.AtLeast(Roles.Operator).Contains(role)
            ? [Policies.View, Policies.Tick, Policies.ReadQueries]
            : [Policies.View]);
        Authorization.SetRoles(role);
    }

    public IRenderedComponent<ChartGrid> RenderGrid(string range, string? focus = null) =>
        Context.Render<ChartGrid>(p => p.Add(g => g.Range, range).Add(g => g.Focus, focus));

    /// <summary>Every point appended, in order: each <c>appendAll</c> call carries one change per chart that moved.</summary>
    public IReadOnlyList<JsonElement> Appends() =>
        Module.Invocations["appendAll"].SelectMany(i => (IEnumerable<string>)i.Arguments[1]!)
            .Select(json => JsonDocument.Parse(json).RootElement).ToList();

    /// <summary>The options JSON each chart was drawn with, by chart key (the element's <c>data-apex-chart</c>).</summary>
    public IReadOnlyList<JsonElement> Calls(string identifier) =>
        Module.Invocations[identifier].Select(i => JsonDocument.Parse((string)i.Arguments[1]!).RootElement).ToList();

    public JsonElement Drawn(string chart) =>
        Calls("draw").Single(o => o.GetProperty("chart").GetProperty("id").GetString() == "chart-" + chart);

    public void Dispose()
    {
        Context.Dispose();
        _http.Dispose();
    }
}

/// <summary>
/// Stand-in for Prometheus: answers every range query with a value at every other step of the asked window (the
/// others are missing), counts the range queries, can hold them until released, and can refuse them.
/// </summary>
internal sealed class CountingPrometheus : HttpMessageHandler
{
    public const string Value = "0.0123";

    private readonly List<IReadOnlyDictionary<string, string>> _rangeQueries = [];
    private readonly Lock _gate = new();

    /// <summary>Completed: answer at once. Replace with an open source to hold every query in flight.</summary>
    public TaskCompletionSource Release { get; set; } = Completed();

    public bool Refuse { get; set; }

    /// <summary>Answer with no series at all, as Prometheus does for a window before its first sample.</summary>
    public bool Empty { get; set; }

    public IReadOnlyList<IReadOnlyDictionary<string, string>> RangeQueries
    {
        get
        {
            lock (_gate)
            {
                return _rangeQueries.ToArray();
            }
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        var form = QueryHelpers.ParseQuery(body).ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal);
        if (request.RequestUri?.AbsolutePath.EndsWith("/api/v1/query_range", StringComparison.Ordinal) != true)
        {
            return new HttpResponseMessage(HttpStatusCode.NotFound);
        }

        lock (_gate)
        {
            _rangeQueries.Add(form);
        }

        await Release.Task.WaitAsync(cancellationToken);
        if (Refuse)
        {
            return Json(HttpStatusCode.BadRequest, """{"status":"error","errorType":"bad_data","error":"parse error: the test refuses"}""");
        }

        if (Empty)
        {
            return Json(HttpStatusCode.OK, """{"status":"success","data":{"resultType":"matrix","result":[]}}""");
        }

        var start = double.Parse(form["start"], CultureInfo.InvariantCulture);
        var end = double.Parse(form["end"], CultureInfo.InvariantCulture);
        var step = double.Parse(form["step"], CultureInfo.InvariantCulture);
        var values = new List<string>();
        for (var (t, i) = (start, 0); t <= end; t += step, i++)
        {
            if (i % 2 == 0)
            {
                values.Add($"[{t.ToString(CultureInfo.InvariantCulture)},\"{Value}\"]");
            }
        }

        return Json(HttpStatusCode.OK, """{"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":[""" + string.Join(",", values) + "]}]}}");
    }

    private static HttpResponseMessage Json(HttpStatusCode status, string json) =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    private static TaskCompletionSource Completed()
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        done.SetResult();
        return done;
    }
}
