using BarberPro.Core.Security;

namespace BarberPro.Core.Tests.Security;

public sealed class SessionEventsTests
{
    [Fact]
    public void APayloadNamingOnlyAUser_IsAnEventForEveryOneOfTheirSessions()
    {
        Assert.True(SessionEvents.TryParse("5f0c1d2e-aaaa-4bbb-8ccc-123456789abc", out var e));
        Assert.Equal(new SessionEvent("5f0c1d2e-aaaa-4bbb-8ccc-123456789abc", null), e);
    }

    [Fact]
    public void APayloadNamingAUserAndASession_IsAnEventForThatSession()
    {
        Assert.True(SessionEvents.TryParse("u-1:0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b", out var e));
        Assert.Equal("u-1", e.UserId);
        Assert.Equal(Guid.Parse("0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b"), e.SessionId);
    }

    [Theory]
    [InlineData("")]
    [InlineData(":0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b")]
    [InlineData("u-1:not-a-session")]
    [InlineData("u-1:")]
    public void AMalformedPayload_IsRefused(string payload) => Assert.False(SessionEvents.TryParse(payload, out _));
}
