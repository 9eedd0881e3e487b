using System.Globalization;
using System.Runtime;
using BarberPro.Core.Security;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace BarberPro.Dashboard.Hosting;

/// <summary><c>Diagnostics</c> settings. Everything here is off by default.</summary>
public sealed class DiagnosticsOptions
{
    public const string SectionName = "Diagnostics";

    /// <summary>
    /// Maps <c>GET /diagnostics/memory</c> (Admins only) for <c>bench/CircuitFanout</c>: it forces a full blocking
    /// collection on every call, which no production instance should offer. Off unless set to true.
    /// </summary>
    public bool BenchmarkEndpoints { get; set; }
}

/// <summary>
/// What a benchmark needs to know about the process it loads: the managed heap after a full collection, the GC mode,
/// the resident set and the open Blazor circuits. Absent unless <c>Diagnostics:BenchmarkEndpoints=true</c>.
/// </summary>
public static class BenchmarkEndpoints
{
    public const string MemoryPath = "/diagnostics/memory";

    public static WebApplicationBuilder AddBenchmarkEndpoints(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<DiagnosticsOptions>().Bind(builder.Configuration.GetSection(DiagnosticsOptions.SectionName)).ValidateOnStart();
        // Registered whatever the switch says (it is read when mapping, once configuration is complete): two counters
        // per process and one small handler per circuit.
        builder.Services.AddSingleton<CircuitCounter>();
        builder.Services.AddScoped<CircuitHandler, CountingCircuitHandler>();
        return builder;
    }

    public static WebApplication MapBenchmarkEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (!app.Services.GetRequiredService<IOptions<DiagnosticsOptions>>().Value.BenchmarkEndpoints)
        {
            return app;
        }
        app.MapGet(MemoryPath, ([FromServices] CircuitCounter circuits) =>
            {
                // A full blocking collection first (GetTotalMemory(true) repeats it while the heap still shrinks).
                var managed = GC.GetTotalMemory(forceFullCollection: true);
                var info = GC.GetGCMemoryInfo(GCKind.Any);
                return TypedResults.Ok(new MemoryReport(
                    managed,
                    CurrentRssBytes(),
                    GCSettings.IsServerGC ? "Server" : "Workstation",
                    GCSettings.LatencyMode.ToString(),
                    AppContext.GetData("GCConserveMemory") is { } conserve ? Convert.ToInt32(conserve, CultureInfo.InvariantCulture) : 0,
                    info.HeapSizeBytes,
                    circuits.Open,
                    circuits.Opened));
            })
            .RequireAuthorization(Policies.Administer)
            .WithName("DiagnosticsMemory");
        return app;
    }

    /// <summary>VmRSS of this process, from /proc (0 where there is no /proc).</summary>
    private static long CurrentRssBytes()
    {
        const string status = "/proc/self/status";
        if (!File.Exists(status))
        {
            return 0;
        }
        var line = File.ReadLines(status).FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }
}

/// <summary>The body of <c>GET /diagnostics/memory</c>.</summary>
public sealed record MemoryReport(
    long ManagedBytesAfterFullGc,
    long RssBytes,
    string GcMode,
    string GcLatencyMode,
    int GcConserveMemory,
    long HeapSizeBytes,
    long OpenCircuits,
    long CircuitsOpened);

/// <summary>Open and ever-opened Blazor Server circuits of this process.</summary>
public sealed class CircuitCounter
{
    private long _open;
    private long _opened;

    public long Open => Interlocked.Read(ref _open);

    public long Opened => Interlocked.Read(ref _opened);

    public void OnOpened()
    {
        Interlocked.Increment(ref _open);
        Interlocked.Increment(ref _opened);
    }

    public void OnClosed() => Interlocked.Decrement(ref _open);
}

internal sealed class CountingCircuitHandler(CircuitCounter counter) : CircuitHandler
{
    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        counter.OnOpened();
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        counter.OnClosed();
        return Task.CompletedTask;
    }
}
