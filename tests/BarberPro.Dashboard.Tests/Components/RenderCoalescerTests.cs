using System.Globalization;
using BarberPro.Dashboard.Components.Shared;
using BarberPro.Dashboard.Tests.Infrastructure;

namespace BarberPro.Dashboard.Tests.Components;

/// <summary>At most one render pending: a burst of news queues one render, which reads the newest state.</summary>
public sealed class RenderCoalescerTests
{
    private readonly Queue<Action> _dispatcher = new();
    private readonly List<int> _rendered = [];
    private int _state;

    private RenderCoalescer NewCoalescer() => new(action =>
    {
        _dispatcher.Enqueue(action);
        return Task.CompletedTask;
    }, () => _rendered.Add(_state));

    [Fact]
    public void ABurstOfRequests_QueuesOneRender_OfTheNewestState()
    {
        var renders = NewCoalescer();

        for (_state = 1; _state <= 5; _state++)
        {
            renders.Request();
        }
        _state = 5;

        Assert.Single(_dispatcher);
        Assert.True(renders.Pending);
        _dispatcher.Dequeue()();
        Assert.Equal([5], _rendered);
        Assert.False(renders.Pending);
    }

    [Fact]
    public void NewsArrivingAfterTheRenderStarted_QueuesTheNextOne()
    {
        var renders = NewCoalescer();
        renders.Request();
        _dispatcher.Dequeue()();

        _state = 7;
        renders.Request();
        renders.Request();

        Assert.Single(_dispatcher);
        _dispatcher.Dequeue()();
        Assert.Equal([0, 7], _rendered);
    }

    [Fact]
    public void AfterStop_NothingRenders_NotEvenTheQueuedRender()
    {
        var renders = NewCoalescer();
        renders.Request();

        renders.Stop();
        renders.Request();
        _dispatcher.Dequeue()();

        Assert.Empty(_dispatcher);
        Assert.Empty(_rendered);
    }

    [Fact]
    public async Task ACircuitThatEnded_IsNotAnError()
    {
        var renders = new RenderCoalescer(_ => Task.FromException(new ObjectDisposedException("renderer")), () => _rendered.Add(1));

        renders.Request();
        await Task.Yield();

        Assert.Empty(_rendered);
    }

    /// <summary>
    /// News comes on the publisher's thread, in its culture; the render runs in the culture of the component that made the
    /// coalescer (its circuit's language). Without it a Spanish live page re-rendered in English on the next snapshot.
    /// </summary>
    [Fact]
    public async Task TheRender_RunsInTheCultureTheCoalescerWasMadeIn_NotThePublishers()
    {
        var seen = "";
        RenderCoalescer renders;
        using (CultureScope.Use("es-AR"))
        {
            renders = new RenderCoalescer(action =>
            {
                action();
                return Task.CompletedTask;
            }, () => seen = CultureInfo.CurrentUICulture.Name + " " + 1234.5.ToString("N1", CultureInfo.CurrentCulture));
        }

        await Task.Run(() =>
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
            renders.Request();
        });

        Assert.Equal("es-AR 1.234,5", seen);
    }
}
