using System.Buffers;
using BarberPro.Bench.CircuitFanout;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace BarberPro.Dashboard.Tests.Bench;

/// <summary>The pieces of bench/CircuitFanout's circuit driver that can be checked without a server.</summary>
public sealed class CircuitProtocolTests
{
    private const string Page = """
        <html><body>
        <!--Blazor:{"type":"server","prerenderId":"p1","key":{"locationHash":"AB:21","formattedComponentKey":""},"sequence":0,"descriptor":"CfDJ8\u002Bx/y="}-->
        <div>prerendered</div>
        <!--Blazor:{"prerenderId":"p1"}-->
        <!--Blazor:{"type":"webassembly","prerenderId":"p2","assembly":"X","typeName":"Y"}-->
        <!--Blazor:{"prerenderId":"p2"}-->
        <!--Blazor-Server-Component-State:CfDJ8state+/==-->
        </body></html>
        """;

    [Fact]
    public void Markers_KeepServerStartMarkersOnly_AndThePersistedState()
    {
        var markers = PageMarkers.Parse(Page);

        var marker = Assert.Single(markers.ServerComponents);
        Assert.Equal("p1", marker["prerenderId"]!.GetValue<string>());
        Assert.Equal("CfDJ8+x/y=", marker["descriptor"]!.GetValue<string>());
        Assert.Equal("AB:21", marker["key"]!["locationHash"]!.GetValue<string>());
        Assert.Equal("CfDJ8state+/==", markers.ApplicationState);
    }

    [Fact]
    public void Markers_BecomeOneAddOperationEach_AsBlazorWebJsSendsThem()
    {
        var json = PageMarkers.Parse(Page).AddOperationsJson(1);

        Assert.Equal(
            """{"batchId":1,"operations":[{"type":"add","ssrComponentId":1,"marker":{"type":"server","prerenderId":"p1","key":{"locationHash":"AB:21","formattedComponentKey":""},"sequence":0,"descriptor":"CfDJ8\u002Bx/y="}}]}""",
            json);
    }

    [Fact]
    public void Markers_OfAStaticPage_AreNone()
    {
        var markers = PageMarkers.Parse("<html><body><h1>static</h1></body></html>");

        Assert.Empty(markers.ServerComponents);
        Assert.Equal("", markers.ApplicationState);
    }

    [Fact]
    public void BlazorPack_IsMessagePackFramedUnderItsOwnName()
    {
        var protocol = new BlazorPackHubProtocol();

        var bytes = protocol.GetMessageBytes(new InvocationMessage("OnRenderCompleted", [5L, null])).ToArray();

        Assert.Equal("blazorpack", protocol.Name);
        Assert.Equal(Microsoft.AspNetCore.Connections.TransferFormat.Binary, protocol.TransferFormat);
        // Length prefix 26, then [type 1, headers {}, invocation id nil, target, [5, nil], stream ids []].
        byte[] expected = [0x1A, 0x96, 0x01, 0x80, 0xC0, 0xB1, .. "OnRenderCompleted"u8, 0x92, 0x05, 0xC0, 0x90];
        Assert.Equal(expected, bytes);
    }

    [Fact]
    public void BlazorPack_ReadsARenderBatchWithItsBytes()
    {
        var protocol = new BlazorPackHubProtocol();
        var input = new ReadOnlySequence<byte>(protocol.GetMessageBytes(new InvocationMessage("JS.RenderBatch", [7L, new byte[] { 1, 2, 3 }])));

        Assert.True(protocol.TryParseMessage(ref input, new Binder(), out var message));

        var invocation = Assert.IsType<InvocationMessage>(message);
        Assert.Equal("JS.RenderBatch", invocation.Target);
        Assert.Equal(7L, invocation.Arguments[0]);
        Assert.Equal(new byte[] { 1, 2, 3 }, invocation.Arguments[1]);
        Assert.True(input.IsEmpty);
    }

    [Theory]
    [InlineData(0, true, """[5,true,null]""")]
    [InlineData(3, true, """[5,true,null]""")]
    [InlineData(1, true, """[5,true,{"__jsObjectId":42}]""")]
    [InlineData(2, false, """[5,false,"The benchmark driver has no streams."]""")]
    public void JsInterop_IsAnsweredByResultType(int resultType, bool succeeded, string json)
    {
        Assert.Equal((succeeded, json), JsInteropAnswer.For(5, resultType, 42));
    }

    [Fact]
    public void Spread_TakesEachCircuitsFirstBatchAfterEachSnapshot_AndCountsTheMissed()
    {
        var t0 = new DateTimeOffset(2026, 11, 30, 1, 0, 0, TimeSpan.Zero);
        Tick[] ticks = [new(t0.AddMilliseconds(5), t0), new(t0.AddMilliseconds(1005), t0.AddSeconds(1)), new(t0.AddMilliseconds(2005), t0.AddSeconds(2))];
        List<DateTimeOffset> a = [t0.AddMilliseconds(-30), t0.AddMilliseconds(50), t0.AddMilliseconds(70), t0.AddMilliseconds(1200)];
        List<DateTimeOffset> b = [t0.AddMilliseconds(100)];

        var spread = Spread.Measure(ticks, [a, b]);

        Assert.Equal([TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(200)], spread.Samples.Order());
        Assert.Equal([TimeSpan.FromMilliseconds(45), TimeSpan.FromMilliseconds(95), TimeSpan.FromMilliseconds(195)], spread.SinceLiveApi.Order());
        Assert.Equal(2, spread.Snapshots);
        Assert.Equal(1, spread.Missed);
        Assert.True(spread.FromGeneratedAt);
        Assert.Equal(TimeSpan.FromMilliseconds(100), spread.Percentile(0.5));
        Assert.Equal(TimeSpan.FromMilliseconds(200), spread.Percentile(0.95));
    }

    private sealed class Binder : IInvocationBinder
    {
        public IReadOnlyList<Type> GetParameterTypes(string methodName) => [typeof(long), typeof(byte[])];

        public Type GetReturnType(string invocationId) => typeof(object);

        public Type GetStreamItemType(string streamId) => typeof(object);
    }
}
