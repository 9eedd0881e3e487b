using System.Text.Json;
using System.Text.Json.Serialization;

namespace BarberPro.Core.Prometheus;

// Wire shapes of the Prometheus HTTP API (https://prometheus.io/docs/prometheus/latest/querying/api/).
// The polymorphic "result" stays a JsonElement and is read by PrometheusResponseParser.
internal sealed class PrometheusApiResponse<TData>
{
    [JsonPropertyName("status")]
    public string? Status { get; set; }

    [JsonPropertyName("data")]
    public TData? Data { get; set; }

    [JsonPropertyName("errorType")]
    public string? ErrorType { get; set; }

    [JsonPropertyName("error")]
    public string? Error { get; set; }

    [JsonPropertyName("warnings")]
    public List<string>? Warnings { get; set; }

    [JsonPropertyName("infos")]
    public List<string>? Infos { get; set; }
}

internal sealed class PrometheusQueryData
{
    [JsonPropertyName("resultType")]
    public string? ResultType { get; set; }

    [JsonPropertyName("result")]
    public JsonElement Result { get; set; }
}

internal sealed class PrometheusAlertsData
{
    [JsonPropertyName("alerts")]
    public List<PrometheusAlertDto>? Alerts { get; set; }
}

internal sealed class PrometheusAlertDto
{
    [JsonPropertyName("labels")]
    public Dictionary<string, string>? Labels { get; set; }

    [JsonPropertyName("annotations")]
    public Dictionary<string, string>? Annotations { get; set; }

    [JsonPropertyName("state")]
    public string? State { get; set; }

    [JsonPropertyName("activeAt")]
    public string? ActiveAt { get; set; }

    [JsonPropertyName("value")]
    public string? Value { get; set; }
}

internal sealed class PrometheusRulesData
{
    [JsonPropertyName("groups")]
    public List<PrometheusRuleGroupDto>? Groups { get; set; }
}

internal sealed class PrometheusRuleGroupDto
{
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("file")]
    public string? File { get; set; }

    [JsonPropertyName("rules")]
    public List<PrometheusRuleDto>? Rules { get; set; }

    // Seconds; Prometheus writes a number, some stores a duration string, so it is read by hand.
    [JsonPropertyName("interval")]
    public JsonElement Interval { get; set; }

    [JsonPropertyName("lastEvaluation")]
    public string? LastEvaluation { get; set; }
}

internal sealed class PrometheusRuleDto
{
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("type")]
    public string? Type { get; set; }

    [JsonPropertyName("health")]
    public string? Health { get; set; }

    [JsonPropertyName("lastError")]
    public string? LastError { get; set; }

    [JsonPropertyName("lastEvaluation")]
    public string? LastEvaluation { get; set; }

    [JsonPropertyName("state")]
    public string? State { get; set; }
}

internal sealed class PrometheusBuildInfoData
{
    [JsonPropertyName("version")]
    public string? Version { get; set; }

    [JsonPropertyName("revision")]
    public string? Revision { get; set; }

    [JsonPropertyName("branch")]
    public string? Branch { get; set; }

    [JsonPropertyName("goVersion")]
    public string? GoVersion { get; set; }
}

[JsonSourceGenerationOptions(GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(PrometheusApiResponse<PrometheusQueryData>))]
[JsonSerializable(typeof(PrometheusApiResponse<PrometheusAlertsData>))]
[JsonSerializable(typeof(PrometheusApiResponse<PrometheusRulesData>))]
[JsonSerializable(typeof(PrometheusApiResponse<PrometheusBuildInfoData>))]
[JsonSerializable(typeof(PrometheusApiResponse<JsonElement>))]
internal sealed partial class PrometheusJsonContext : JsonSerializerContext;
