using System.Text.Json.Serialization;

namespace BarberPro.Core.Alerts;

[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(IReadOnlyDictionary<string, string>))]
[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class AlertmanagerJsonContext : JsonSerializerContext;
