using System.Text.Json.Serialization;

namespace BarberPro.Core.Alerts;

[JsonSerializable(typeof(string))]
internal sealed partial class AlertmanagerJsonContext : JsonSerializerContext;
