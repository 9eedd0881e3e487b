using System.Globalization;
using System.Net;
using System.Text.Json;

namespace BarberPro.Core.Prometheus;

/// <summary>Turns Prometheus API envelopes into typed results and error answers into <see cref="PrometheusException"/>.</summary>
internal static class PrometheusResponseParser
{
    private const int SnippetLength = 200;

    public static PrometheusQueryResult ToQueryResult(PrometheusApiResponse<PrometheusQueryData> envelope)
    {
        var data = envelope.Data ?? throw Malformed("the success answer has no \"data\" object");
        var warnings = (IReadOnlyList<string>?)envelope.Warnings ?? [];
        var infos = (IReadOnlyList<string>?)envelope.Infos ?? [];
        var result = data.Result;

        return data.ResultType switch
        {
            "vector" => new PrometheusVector(ReadVector(result), warnings, infos),
            "matrix" => new PrometheusMatrix(ReadMatrix(result), warnings, infos),
            "scalar" => new PrometheusScalar(ReadSample(result), warnings, infos),
            "string" => ReadString(result, warnings, infos),
            null => throw Malformed("the answer has no \"resultType\""),
            var other => throw Malformed($"unknown resultType \"{other}\""),
        };
    }

    public static IReadOnlyList<PrometheusAlert> ToAlerts(PrometheusApiResponse<PrometheusAlertsData> envelope)
    {
        var alerts = envelope.Data?.Alerts ?? throw Malformed("the alerts answer has no \"data.alerts\" array");
        var list = new List<PrometheusAlert>(alerts.Count);
        foreach (var dto in alerts)
        {
            var state = dto.State switch
            {
                "firing" => PrometheusAlertState.Firing,
                "pending" => PrometheusAlertState.Pending,
                "inactive" => PrometheusAlertState.Inactive,
                var other => throw Malformed($"unknown alert state \"{other}\""),
            };

            DateTimeOffset? activeAt = null;
            if (!string.IsNullOrEmpty(dto.ActiveAt))
            {
                if (!DateTimeOffset.TryParse(dto.ActiveAt, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
                {
                    throw Malformed($"alert activeAt \"{dto.ActiveAt}\" is not a timestamp");
                }

                activeAt = parsed.ToUniversalTime();
            }

            var value = dto.Value is null ? double.NaN : ParseValue(dto.Value);
            list.Add(new PrometheusAlert(
                (IReadOnlyDictionary<string, string>?)dto.Labels ?? new Dictionary<string, string>(),
                (IReadOnlyDictionary<string, string>?)dto.Annotations ?? new Dictionary<string, string>(),
                state,
                activeAt,
                value));
        }

        return list;
    }

    public static IReadOnlyList<PrometheusRuleGroup> ToRuleGroups(PrometheusApiResponse<PrometheusRulesData> envelope)
    {
        var groups = envelope.Data?.Groups ?? throw Malformed("the rules answer has no \"data.groups\" array");
        var list = new List<PrometheusRuleGroup>(groups.Count);
        foreach (var group in groups)
        {
            var name = group.Name ?? throw Malformed("a rule group has no name");
            var rules = new List<PrometheusRule>(group.Rules?.Count ?? 0);
            foreach (var rule in group.Rules ?? [])
            {
                var type = rule.Type switch
                {
                    "alerting" => PrometheusRuleType.Alerting,
                    "recording" => PrometheusRuleType.Recording,
                    var other => throw Malformed($"rule \"{rule.Name}\" of group \"{name}\" has unknown type \"{other}\""),
                };
                var health = rule.Health switch
                {
                    "ok" => PrometheusRuleHealth.Ok,
                    "err" => PrometheusRuleHealth.Err,
                    _ => PrometheusRuleHealth.Unknown,
                };
                rules.Add(new PrometheusRule(
                    rule.Name ?? throw Malformed($"a rule of group \"{name}\" has no name"),
                    type,
                    health,
                    string.IsNullOrEmpty(rule.LastError) ? null : rule.LastError,
                    ReadEvaluationTime(rule.LastEvaluation)));
            }

            list.Add(new PrometheusRuleGroup(name, group.File ?? string.Empty, ReadInterval(group.Interval, name), ReadEvaluationTime(group.LastEvaluation), rules));
        }

        return list;
    }

    public static PrometheusBuildInfo ToBuildInfo(PrometheusApiResponse<PrometheusBuildInfoData> envelope)
    {
        var data = envelope.Data ?? throw Malformed("the buildinfo answer has no \"data\" object");
        if (string.IsNullOrEmpty(data.Version))
        {
            throw Malformed("the buildinfo answer has no version");
        }

        return new PrometheusBuildInfo(data.Version, data.Revision, data.Branch, data.GoVersion);
    }

    /// <summary>An evaluation time; Prometheus writes Go's zero time (year 1) for "never evaluated", read as null.</summary>
    private static DateTimeOffset? ReadEvaluationTime(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            throw Malformed($"lastEvaluation \"{Truncate(text)}\" is not a timestamp");
        }

        return parsed.Year <= 1 ? null : parsed.ToUniversalTime();
    }

    private static TimeSpan ReadInterval(JsonElement interval, string group)
    {
        switch (interval.ValueKind)
        {
            case JsonValueKind.Number when interval.TryGetDouble(out var seconds) && seconds >= 0 && seconds < TimeSpan.MaxValue.TotalSeconds:
                return TimeSpan.FromSeconds(seconds);
            case JsonValueKind.String when PromQl.TryParseDuration(interval.GetString()!, out var duration):
                return duration;
            case JsonValueKind.Undefined or JsonValueKind.Null:
                return TimeSpan.Zero;
            default:
                throw Malformed($"group \"{group}\" has an interval that is neither seconds nor a duration");
        }
    }

    /// <summary>Parses a sample value as Prometheus writes it: a decimal string, "NaN", "+Inf" or "-Inf".</summary>
    public static double ParseValue(string text) => text switch
    {
        "NaN" => double.NaN,
        "+Inf" or "Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        _ when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) => value,
        _ => throw Malformed($"sample value \"{Truncate(text)}\" is not a number"),
    };

    /// <summary>The exception for an error answer (status "error", or a non-success HTTP status).</summary>
    public static PrometheusException ErrorFromBody(HttpStatusCode status, string? mediaType, ReadOnlySpan<byte> body)
    {
        var code = (int)status;
        if (body.Length > 0 && mediaType is null or "application/json")
        {
            try
            {
                var envelope = JsonSerializer.Deserialize(body, PrometheusJsonContext.Default.PrometheusApiResponseJsonElement);
                if (envelope is { Status: "error" } && (envelope.ErrorType is not null || envelope.Error is not null))
                {
                    return FromPrometheusError(status, envelope.ErrorType, envelope.Error);
                }
            }
            catch (JsonException)
            {
                // Falls through to the status-based answer below with a snippet of the body.
            }
        }

        var kind = KindFromStatus(status);
        var snippet = body.Length == 0 ? "an empty body" : $"a non-Prometheus body ({mediaType ?? "no content type"}): {Truncate(System.Text.Encoding.UTF8.GetString(body))}";
        return new PrometheusException(kind, $"Prometheus answered HTTP {code} ({status}) with {snippet}", status);
    }

    public static PrometheusException FromPrometheusError(HttpStatusCode? status, string? errorType, string? error)
    {
        var kind = errorType switch
        {
            "bad_data" => PrometheusErrorKind.BadData,
            "execution" => PrometheusErrorKind.Execution,
            "timeout" => PrometheusErrorKind.Timeout,
            "canceled" or "unavailable" => PrometheusErrorKind.Unavailable,
            "internal" => PrometheusErrorKind.ServerError,
            "not_found" => PrometheusErrorKind.NotFound,
            _ when status is { } s => KindFromStatus(s),
            _ => PrometheusErrorKind.Malformed,
        };
        var statusText = status is { } st ? $"HTTP {(int)st}, " : string.Empty;
        return new PrometheusException(
            kind,
            $"Prometheus error ({statusText}{errorType ?? "no errorType"}): {error ?? "no message"}",
            status,
            errorType,
            error);
    }

    public static PrometheusErrorKind KindFromStatus(HttpStatusCode status) => (int)status switch
    {
        400 => PrometheusErrorKind.BadData,
        404 => PrometheusErrorKind.NotFound,
        422 => PrometheusErrorKind.Execution,
        503 => PrometheusErrorKind.Unavailable,
        >= 500 and <= 599 => PrometheusErrorKind.ServerError,
        _ => PrometheusErrorKind.HttpError,
    };

    public static PrometheusException Malformed(string detail, Exception? inner = null) =>
        new(PrometheusErrorKind.Malformed, $"Prometheus sent a malformed answer: {detail}.", innerException: inner);

    internal static string Truncate(string text)
    {
        var collapsed = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return collapsed.Length <= SnippetLength ? collapsed : string.Concat(collapsed.AsSpan(0, SnippetLength), "…");
    }

    private static List<PrometheusInstantSeries> ReadVector(JsonElement result)
    {
        RequireArray(result, "vector result");
        var series = new List<PrometheusInstantSeries>(result.GetArrayLength());
        foreach (var item in result.EnumerateArray())
        {
            RequireObject(item, "vector series");
            var labels = ReadLabels(item);
            if (item.TryGetProperty("value", out var value))
            {
                series.Add(new PrometheusInstantSeries(labels, ReadSample(value)));
            }
            else if (!item.TryGetProperty("histogram", out _))
            {
                throw Malformed("a vector series has neither \"value\" nor \"histogram\"");
            }

            // Native-histogram samples carry no float value; the panels only query float series, so they are skipped.
        }

        return series;
    }

    private static List<PrometheusRangeSeries> ReadMatrix(JsonElement result)
    {
        RequireArray(result, "matrix result");
        var series = new List<PrometheusRangeSeries>(result.GetArrayLength());
        foreach (var item in result.EnumerateArray())
        {
            RequireObject(item, "matrix series");
            var labels = ReadLabels(item);
            var points = new List<PrometheusSample>();
            if (item.TryGetProperty("values", out var values))
            {
                RequireArray(values, "matrix values");
                points.Capacity = values.GetArrayLength();
                foreach (var value in values.EnumerateArray())
                {
                    points.Add(ReadSample(value));
                }
            }
            else if (!item.TryGetProperty("histograms", out _))
            {
                throw Malformed("a matrix series has neither \"values\" nor \"histograms\"");
            }

            series.Add(new PrometheusRangeSeries(labels, points));
        }

        return series;
    }

    private static PrometheusString ReadString(JsonElement result, IReadOnlyList<string> warnings, IReadOnlyList<string> infos)
    {
        var (timestamp, valueElement) = ReadPair(result);
        if (valueElement.ValueKind != JsonValueKind.String)
        {
            throw Malformed("a string result's value is not a string");
        }

        return new PrometheusString(timestamp, valueElement.GetString()!, warnings, infos);
    }

    private static PrometheusSample ReadSample(JsonElement pair)
    {
        var (timestamp, valueElement) = ReadPair(pair);
        if (valueElement.ValueKind != JsonValueKind.String)
        {
            throw Malformed("a sample value is not a string");
        }

        return new PrometheusSample(timestamp, ParseValue(valueElement.GetString()!));
    }

    private static (DateTimeOffset Timestamp, JsonElement Value) ReadPair(JsonElement pair)
    {
        if (pair.ValueKind != JsonValueKind.Array || pair.GetArrayLength() != 2)
        {
            throw Malformed("a sample is not a [timestamp, value] pair");
        }

        var time = pair[0];
        if (time.ValueKind != JsonValueKind.Number || !time.TryGetDecimal(out var seconds))
        {
            throw Malformed("a sample timestamp is not a number");
        }

        // Prometheus sends seconds with millisecond decimals; decimal keeps them exact.
        var milliseconds = decimal.Round(seconds * 1000m, MidpointRounding.AwayFromZero);
        if (milliseconds < -62_135_596_800_000m || milliseconds > 253_402_300_799_999m)
        {
            throw Malformed("a sample timestamp is out of range");
        }

        return (DateTimeOffset.FromUnixTimeMilliseconds((long)milliseconds), pair[1]);
    }

    private static Dictionary<string, string> ReadLabels(JsonElement series)
    {
        if (!series.TryGetProperty("metric", out var metric) || metric.ValueKind == JsonValueKind.Null)
        {
            return new Dictionary<string, string>(StringComparer.Ordinal);
        }

        RequireObject(metric, "series labels");
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var label in metric.EnumerateObject())
        {
            if (label.Value.ValueKind != JsonValueKind.String)
            {
                throw Malformed($"label \"{label.Name}\" is not a string");
            }

            labels[label.Name] = label.Value.GetString()!;
        }

        return labels;
    }

    private static void RequireArray(JsonElement element, string what)
    {
        if (element.ValueKind != JsonValueKind.Array)
        {
            throw Malformed($"{what} is not an array");
        }
    }

    private static void RequireObject(JsonElement element, string what)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw Malformed($"{what} is not an object");
        }
    }
}
