using System.Globalization;
using System.Text.Json;

namespace BarberPro.Core.Alerts;

/// <summary>
/// Reads the API v2's JSON answers into <see cref="AlertmanagerAlert"/> and <see cref="Silence"/>. Every field the
/// dashboard relies on is checked; anything else is a <see cref="AlertmanagerErrorKind.Malformed"/> error naming the
/// field and the item, never a crash or a half-filled record.
/// </summary>
public static class AlertmanagerParser
{
    public static IReadOnlyList<AlertmanagerAlert> ParseAlerts(ReadOnlySpan<byte> json)
    {
        using var doc = Parse(json, "alerts");
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Array)
        {
            throw Malformed($"the alerts answer is a JSON {Kind(root)}, not an array");
        }

        var alerts = new List<AlertmanagerAlert>(root.GetArrayLength());
        var index = 0;
        foreach (var item in root.EnumerateArray())
        {
            var where = $"alert #{index}";
            RequireObject(item, where);
            var fingerprint = RequiredString(item, "fingerprint", where);
            where = $"alert {fingerprint}";
            var status = RequiredObject(item, "status", where);
            alerts.Add(new AlertmanagerAlert(
                fingerprint,
                StringMap(item, "labels", where, required: true),
                StringMap(item, "annotations", where, required: false),
                RequiredTime(item, "startsAt", where),
                RequiredTime(item, "endsAt", where),
                RequiredTime(item, "updatedAt", where),
                ParseAlertState(RequiredString(status, "state", where + " status"), where),
                StringList(status, "silencedBy", where + " status"),
                StringList(status, "inhibitedBy", where + " status"),
                OptionalString(item, "generatorURL", where)));
            index++;
        }

        return alerts;
    }

    public static IReadOnlyList<Silence> ParseSilences(ReadOnlySpan<byte> json)
    {
        using var doc = Parse(json, "silences");
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Array)
        {
            throw Malformed($"the silences answer is a JSON {Kind(root)}, not an array");
        }

        var silences = new List<Silence>(root.GetArrayLength());
        var index = 0;
        foreach (var item in root.EnumerateArray())
        {
            RequireObject(item, $"silence #{index}");
            silences.Add(ParseSilence(item, $"silence #{index}"));
            index++;
        }

        return silences;
    }

    /// <summary>The id of the answer to <c>POST /api/v2/silences</c>: <c>{"silenceID": "…"}</c>.</summary>
    public static string ParseSilenceId(ReadOnlySpan<byte> json)
    {
        using var doc = Parse(json, "silence creation");
        RequireObject(doc.RootElement, "the silence creation answer");
        return RequiredString(doc.RootElement, "silenceID", "the silence creation answer");
    }

    private static Silence ParseSilence(JsonElement item, string where)
    {
        var id = RequiredString(item, "id", where);
        where = $"silence {id}";
        if (!item.TryGetProperty("matchers", out var matchersElement) || matchersElement.ValueKind != JsonValueKind.Array)
        {
            throw Malformed($"{where} has no matchers array");
        }

        var matchers = new List<SilenceMatcher>();
        foreach (var m in matchersElement.EnumerateArray())
        {
            RequireObject(m, where + " matcher");
            matchers.Add(new SilenceMatcher(
                RequiredString(m, "name", where + " matcher"),
                RequiredString(m, "value", where + " matcher", allowEmpty: true),
                RequiredBool(m, "isRegex", where + " matcher"),
                OptionalBool(m, "isEqual") ?? true));
        }

        var status = RequiredObject(item, "status", where);
        return new Silence(
            id,
            matchers,
            RequiredTime(item, "startsAt", where),
            RequiredTime(item, "endsAt", where),
            RequiredTime(item, "updatedAt", where),
            RequiredString(item, "createdBy", where, allowEmpty: true),
            RequiredString(item, "comment", where, allowEmpty: true),
            RequiredString(status, "state", where + " status") switch
            {
                "pending" => SilenceState.Pending,
                "active" => SilenceState.Active,
                "expired" => SilenceState.Expired,
                var other => throw Malformed($"{where} has an unknown state '{other}'"),
            });
    }

    private static AlertmanagerAlertState ParseAlertState(string state, string where) => state switch
    {
        "active" => AlertmanagerAlertState.Active,
        "suppressed" => AlertmanagerAlertState.Suppressed,
        "unprocessed" => AlertmanagerAlertState.Unprocessed,
        _ => throw Malformed($"{where} has an unknown state '{state}'"),
    };

    private static JsonDocument Parse(ReadOnlySpan<byte> json, string what)
    {
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 16 });
            return JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException ex)
        {
            throw new AlertmanagerException(
                AlertmanagerErrorKind.Malformed,
                $"Alertmanager's {what} answer is not valid JSON ({ex.Message}).",
                innerException: ex);
        }
    }

    private static void RequireObject(JsonElement element, string where)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw Malformed($"{where} is a JSON {Kind(element)}, not an object");
        }
    }

    private static JsonElement RequiredObject(JsonElement element, string name, string where)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.Object)
        {
            throw Malformed($"{where} has no '{name}' object");
        }

        return value;
    }

    private static string RequiredString(JsonElement element, string name, string where, bool allowEmpty = false)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.String)
        {
            throw Malformed($"{where} has no '{name}' string");
        }

        var text = value.GetString()!;
        if (!allowEmpty && text.Length == 0)
        {
            throw Malformed($"{where} has an empty '{name}'");
        }

        return text;
    }

    private static string? OptionalString(JsonElement element, string name, string where)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            throw Malformed($"{where} has a '{name}' that is not a string");
        }

        var text = value.GetString();
        return string.IsNullOrEmpty(text) ? null : text;
    }

    private static bool RequiredBool(JsonElement element, string name, string where) =>
        OptionalBool(element, name) ?? throw Malformed($"{where} has no '{name}' true/false");

    private static bool? OptionalBool(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? value.GetBoolean()
            : null;

    private static DateTimeOffset RequiredTime(JsonElement element, string name, string where)
    {
        var text = RequiredString(element, name, where);
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
        {
            throw Malformed($"{where} has a '{name}' that is not a time: '{text}'");
        }

        return time;
    }

    private static Dictionary<string, string> StringMap(JsonElement element, string name, string where, bool required)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return required ? throw Malformed($"{where} has no '{name}' object") : [];
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            throw Malformed($"{where} has a '{name}' that is not an object");
        }

        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in value.EnumerateObject())
        {
            if (p.Value.ValueKind != JsonValueKind.String)
            {
                throw Malformed($"{where} has {name}.{p.Name} that is not a string");
            }

            map[p.Name] = p.Value.GetString()!;
        }

        return map;
    }

    private static string[] StringList(JsonElement element, string name, string where)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw Malformed($"{where} has a '{name}' that is not an array");
        }

        var list = new List<string>();
        foreach (var v in value.EnumerateArray())
        {
            if (v.ValueKind != JsonValueKind.String)
            {
                throw Malformed($"{where} has a '{name}' entry that is not a string");
            }

            list.Add(v.GetString()!);
        }

        return [.. list];
    }

    private static string Kind(JsonElement element) => element.ValueKind.ToString().ToLowerInvariant();

    private static AlertmanagerException Malformed(string what) =>
        new(AlertmanagerErrorKind.Malformed, $"Alertmanager answered something unexpected: {what}.");
}
