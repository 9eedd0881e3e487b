using System.Runtime.CompilerServices;
using Bunit;

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
}
