using System.Diagnostics;
using System.Runtime.CompilerServices;
using Bunit;
using Xunit.Sdk;

namespace BarberPro.Dashboard.Tests.Infrastructure;

/// <summary>
/// bUnit's WaitFor* give up after 1 s by default. This project's component tests run beside hundreds of integration
/// tests on 2 cores, where a component's second render (after its first async load) can take longer than that: every
/// wait here allows 10 s. A wait that passes returns as soon as its condition holds, so passing tests are not slower.
/// </summary>
internal static class BunitWaits
{
    [ModuleInitializer]
    internal static void AllowForALoadedMachine() => BunitContext.DefaultWaitTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Waits until the module has been called <paramref name="count"/> times with <paramref name="identifier"/>.
    /// bUnit's WaitForAssertion looks again only when the component renders, so it misses a call made in
    /// OnAfterRenderAsync after the last render (a chart is drawn there): it failed that way one run in three. This
    /// looks every 20 ms instead, and fails at once when there are more calls than expected.
    /// </summary>
    public static void WaitForCalls(this BunitJSModuleInterop module, string identifier, int count, TimeSpan? timeout = null)
    {
        var limit = timeout ?? BunitContext.DefaultWaitTimeout;
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            int seen;
            try
            {
                seen = module.Invocations[identifier].Count;
            }
            catch (InvalidOperationException)
            {
                continue; // the renderer was adding a call as we read; read again
            }
            if (seen == count)
            {
                return;
            }
            if (seen > count || Stopwatch.GetElapsedTime(started) > limit)
            {
                throw new XunitException($"Expected {count} call(s) of '{identifier}' within {limit.TotalSeconds:0} s, saw {seen}.");
            }
            Thread.Sleep(20);
        }
    }
}
