using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BarberPro.Bench.CircuitFanout;

/// <summary>
/// One Blazor Server circuit driven at the protocol level, as blazor.web.js drives it: GET the page (prerendered, with
/// its component markers), open <c>/_blazor</c> with the <c>blazorpack</c> protocol, <c>StartCircuit</c>, answer the
/// server's JS interop calls (the renderer's <c>attachWebRendererInterop</c> first), add the page's root components
/// with <c>UpdateRootComponents</c>, and acknowledge every render batch with <c>OnRenderCompleted</c> so the server
/// keeps sending. It never renders anything: it counts batches and keeps their arrival times while asked to.
/// </summary>
internal sealed class CircuitClient : IAsyncDisposable
{
    private const string AttachRenderer = "Blazor._internal.attachWebRendererInterop";
    private static long s_objectIds;

    private readonly HubConnection _hub;
    private readonly TaskCompletionSource _attached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _firstBatch = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentQueue<DateTimeOffset> _recorded = new();
    private volatile bool _recording;
    private long _batches;
    private long _batchBytes;
    private long _jsCalls;

    private CircuitClient(HubConnection hub)
    {
        _hub = hub;
    }

    /// <summary>Render batches received (and acknowledged) since the circuit started.</summary>
    public long Batches => Interlocked.Read(ref _batches);

    public long BatchBytes => Interlocked.Read(ref _batchBytes);

    /// <summary>JS interop calls the server made on this circuit (each answered when it expects an answer).</summary>
    public long JsCalls => Interlocked.Read(ref _jsCalls);

    /// <summary>The first error the server or the connection reported (JS.Error, a closed socket), if any.</summary>
    public string? Error { get; private set; }

    public bool IsConnected => _hub.State == HubConnectionState.Connected && Error is null;

    /// <summary>JS interop identifiers called on every circuit, with how often (shared by all clients of a run).</summary>
    public static ConcurrentDictionary<string, long> JsIdentifiers { get; } = new(StringComparer.Ordinal);

    public static async Task<CircuitClient> StartAsync(HttpClient http, Uri page, string cookieHeader, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        using var request = new HttpRequestMessage(HttpMethod.Get, page);
        if (cookieHeader.Length > 0)
        {
            request.Headers.Add("Cookie", cookieHeader);
        }
        using var response = await http.SendAsync(request, deadline.Token);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET {page} answered {(int)response.StatusCode} {response.Headers.Location}");
        }
        var markers = PageMarkers.Parse(await response.Content.ReadAsStringAsync(deadline.Token));
        if (markers.ServerComponents.Count == 0)
        {
            throw new InvalidOperationException($"GET {page} has no interactive Server component marker (<!--Blazor:{{\"type\":\"server\",…}}-->).");
        }

        var baseUri = new Uri(page, "/");
        var builder = new HubConnectionBuilder()
            .WithUrl(new Uri(baseUri, "_blazor"), HttpTransportType.WebSockets, options =>
            {
                options.SkipNegotiation = true;
                if (cookieHeader.Length > 0)
                {
                    options.Headers["Cookie"] = cookieHeader;
                }
                options.Headers["Origin"] = baseUri.GetLeftPart(UriPartial.Authority);
            });
        builder.Services.RemoveAll<IHubProtocol>();
        builder.Services.AddSingleton<IHubProtocol, BlazorPackHubProtocol>();
        var hub = builder.Build();
        // The server's defaults (15 s keep-alive, 30 s client timeout) apply; blazor.web.js uses the same.
        var client = new CircuitClient(hub);
        client.Register();
        try
        {
            await hub.StartAsync(deadline.Token);
            var secret = await hub.InvokeAsync<string?>("StartCircuit", baseUri.ToString(), page.ToString(), "[]", markers.ApplicationState, deadline.Token);
            if (string.IsNullOrEmpty(secret))
            {
                throw new InvalidOperationException("StartCircuit returned no circuit id: " + (client.Error ?? "no error sent"));
            }
            await client._attached.Task.WaitAsync(deadline.Token);
            await hub.SendAsync("UpdateRootComponents", markers.AddOperationsJson(1), markers.ApplicationState, deadline.Token);
            await client._firstBatch.Task.WaitAsync(deadline.Token);
            if (client.Error is { } error)
            {
                throw new InvalidOperationException(error);
            }
            return client;
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts (or restarts) keeping the arrival time of every render batch.</summary>
    public void StartRecording()
    {
        _recorded.Clear();
        _recording = true;
    }

    /// <summary>Stops recording and hands back the arrival times kept since <see cref="StartRecording"/>, in order.</summary>
    public List<DateTimeOffset> StopRecording()
    {
        _recording = false;
        return [.. _recorded];
    }

    private void Register()
    {
        _hub.On<long, byte[]>("JS.RenderBatch", async (batchId, data) =>
        {
            if (_recording)
            {
                _recorded.Enqueue(TimeProvider.System.GetUtcNow());
            }
            Interlocked.Increment(ref _batches);
            Interlocked.Add(ref _batchBytes, data.Length);
            await AcknowledgeAsync(batchId);
            _firstBatch.TrySetResult();
        });
        // .NET 10 sends (asyncHandle, identifier, argsJson, resultType, targetInstanceId, callType).
        _hub.On<long, string, string?, int, long, int>("JS.BeginInvokeJS", async (asyncHandle, identifier, _, resultType, _, _) =>
        {
            Interlocked.Increment(ref _jsCalls);
            JsIdentifiers.AddOrUpdate(identifier, 1, (_, n) => n + 1);
            if (asyncHandle != 0)
            {
                var (succeeded, json) = JsInteropAnswer.For(asyncHandle, resultType, Interlocked.Increment(ref s_objectIds));
                await SendQuietlyAsync("EndInvokeJSFromDotNet", asyncHandle, succeeded, json);
            }
            if (identifier == AttachRenderer)
            {
                _attached.TrySetResult();
            }
        });
        _hub.On<string>("JS.Error", error =>
        {
            Error ??= "JS.Error: " + error;
            _attached.TrySetException(new InvalidOperationException(Error));
            _firstBatch.TrySetException(new InvalidOperationException(Error));
        });
        // Calls the driver has nothing to do for; registered so they are not logged as unknown.
        _hub.On<long>("JS.EndUpdateRootComponents", _ => { });
        _hub.On<string, bool, string>("JS.EndInvokeDotNet", (_, _, _) => { });
        _hub.On<int, string>("JS.AttachComponent", (_, _) => { });
        _hub.On<int, byte[]>("JS.ReceiveByteArray", (_, _) => { });
        _hub.On<long>("JS.BeginTransmitStream", _ => { });
        _hub.On<int, bool>("JS.EndLocationChanging", (_, _) => { });
        _hub.Closed += exception =>
        {
            Error ??= "closed: " + (exception?.Message ?? "by the server");
            _attached.TrySetException(new InvalidOperationException(Error));
            _firstBatch.TrySetException(new InvalidOperationException(Error));
            return Task.CompletedTask;
        };
    }

    private Task AcknowledgeAsync(long batchId) => SendQuietlyAsync("OnRenderCompleted", batchId, null);

    private async Task SendQuietlyAsync(string method, params object?[] args)
    {
        try
        {
            await _hub.SendCoreAsync(method, args);
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or OperationCanceledException)
        {
            Error ??= $"{method} failed: {ex.Message}";
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _hub.DisposeAsync();
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or OperationCanceledException)
        {
        }
    }
}
