using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace BarberPro.Bench.CircuitFanout;

/// <summary>
/// Blazor Server's hub protocol: SignalR's MessagePack protocol under the name <c>blazorpack</c> (the server's
/// BlazorPackHubProtocol and blazor.web.js's renamed MessagePackHubProtocol frame messages the same way).
/// </summary>
internal sealed class BlazorPackHubProtocol : IHubProtocol
{
    public const string ProtocolName = "blazorpack";

    private readonly MessagePackHubProtocol _inner = new();

    public string Name => ProtocolName;

    public int Version => _inner.Version;

    public TransferFormat TransferFormat => TransferFormat.Binary;

    public bool IsVersionSupported(int version) => _inner.IsVersionSupported(version);

    public bool TryParseMessage(ref ReadOnlySequence<byte> input, IInvocationBinder binder, [NotNullWhen(true)] out HubMessage? message) =>
        _inner.TryParseMessage(ref input, binder, out message);

    public void WriteMessage(HubMessage message, IBufferWriter<byte> output) => _inner.WriteMessage(message, output);

    public ReadOnlyMemory<byte> GetMessageBytes(HubMessage message) => _inner.GetMessageBytes(message);
}

/// <summary>
/// What a prerendered page hands to its circuit: the start markers of its interactive Server components
/// (<c>&lt;!--Blazor:{"type":"server",…}--&gt;</c>) and the persisted component state, if any.
/// </summary>
internal sealed partial record PageMarkers(IReadOnlyList<JsonObject> ServerComponents, string ApplicationState)
{
    public static PageMarkers Parse(string html)
    {
        var components = new List<JsonObject>();
        foreach (Match match in Marker().Matches(html))
        {
            // End markers carry only the prerenderId; WebAssembly and Auto markers are not ours to start.
            if (JsonNode.Parse(match.Groups[1].Value) is JsonObject marker
                && marker["type"]?.GetValue<string>() == "server")
            {
                components.Add(marker);
            }
        }
        var state = State().Match(html);
        return new PageMarkers(components, state.Success ? state.Groups[1].Value : "");
    }

    /// <summary>
    /// The <c>UpdateRootComponents</c> batch blazor.web.js sends once the renderer is attached: one <c>add</c> per
    /// marker, numbered from 1 in document order, the marker passed as found (the server ignores extra fields).
    /// </summary>
    public string AddOperationsJson(long batchId)
    {
        var operations = new JsonArray();
        for (var i = 0; i < ServerComponents.Count; i++)
        {
            operations.Add(new JsonObject
            {
                ["type"] = "add",
                ["ssrComponentId"] = i + 1,
                ["marker"] = ServerComponents[i].DeepClone(),
            });
        }
        return new JsonObject { ["batchId"] = batchId, ["operations"] = operations }.ToJsonString();
    }

    [GeneratedRegex(@"<!--Blazor:(\{.*?\})-->", RegexOptions.Singleline)]
    private static partial Regex Marker();

    [GeneratedRegex(@"<!--Blazor-Server-Component-State:(.*?)-->", RegexOptions.Singleline)]
    private static partial Regex State();
}

/// <summary>How the driver answers a JS interop call the server makes (<c>JS.BeginInvokeJS</c>).</summary>
internal static class JsInteropAnswer
{
    /// <summary>JSCallResultType.JSObjectReference: the caller expects an object it can call again (a module import).</summary>
    public const int JSObjectReference = 1;

    /// <summary>JSCallResultType.JSStreamReference: a stream the driver cannot supply.</summary>
    public const int JSStreamReference = 2;

    /// <summary>
    /// The <c>arguments</c> of <c>EndInvokeJSFromDotNet</c> as blazor.web.js writes them: <c>[handle, succeeded,
    /// result]</c>. Object references get a fresh id (calls on them are answered the same way), streams fail, any
    /// other call succeeds with null.
    /// </summary>
    public static (bool Succeeded, string Json) For(long asyncHandle, int resultType, long objectId) => resultType switch
    {
        JSObjectReference => (true, JsonSerializer.Serialize(new object[] { asyncHandle, true, new Dictionary<string, long> { ["__jsObjectId"] = objectId } })),
        JSStreamReference => (false, JsonSerializer.Serialize(new object[] { asyncHandle, false, "The benchmark driver has no streams." })),
        _ => (true, JsonSerializer.Serialize(new object?[] { asyncHandle, true, null })),
    };
}
