using BarberPro.Core.Checklists;

namespace BarberPro.Core.Tests.Checklists;

public sealed class ChecklistRulesTests
{
    [Theory]
    [InlineData("daily.morning.uptime", true)]
    [InlineData("weekly.friday.post-mortems", true)]
    [InlineData("", false)]
    [InlineData("Daily.Morning", false)]
    [InlineData("daily morning", false)]
    [InlineData("a:b", false)]
    [InlineData("<script>", false)]
    [InlineData(".leading-dot", false)]
    public void IsValidItemKey_AcceptsOnlyLowerCaseDottedKeys(string key, bool valid) =>
        Assert.Equal(valid, ChecklistRules.IsValidItemKey(key));

    [Theory]
    [InlineData(false, null, true)]
    [InlineData(false, "   ", true)]
    [InlineData(false, "known spike, rolled back", false)]
    [InlineData(true, null, false)]
    public void TickNeedsNote_OnlyWhenTheFigureMissesItsTargetAndThereIsNoNote(bool passed, string? note, bool needsNote) =>
        Assert.Equal(needsNote, ChecklistRules.TickNeedsNote(new ChecklistEvidence("5xx ratio 0.4 %", passed, DateTimeOffset.UnixEpoch), note));

    [Fact]
    public void TickNeedsNote_NeverForAnItemWithoutAFigure() => Assert.False(ChecklistRules.TickNeedsNote(null, null));

    [Fact]
    public void Validate_NoteOverTheLimit_SaysHowLongAndTheLimit()
    {
        var problem = ChecklistRules.Validate(new(1, "daily.morning.uptime", ChecklistChangeKind.Note, 0, Guid.NewGuid(), new string('a', 1001)));

        Assert.Equal("The note has 1001 characters; the limit is 1000. Nothing was saved.", problem);
    }

    [Fact]
    public void Validate_EmptyIdempotencyKey_IsRefused() =>
        Assert.Equal("The idempotency key must be a UUID.",
            ChecklistRules.Validate(new(1, "daily.morning.uptime", ChecklistChangeKind.Tick, 0, Guid.Empty)));

    [Fact]
    public void Validate_NoteWithControlCharacters_IsRefused() =>
        Assert.Equal("The note contains control characters. Nothing was saved.", ChecklistRules.ValidateNote("bell \u0007", out _));

    [Theory]
    [InlineData("12", true)]
    [InlineData("0", false)]
    [InlineData("-3", false)]
    [InlineData("1e3", false)]
    [InlineData("abc", false)]
    [InlineData("99999999999999999999", false)]
    public void TryParseRunId_AcceptsPositiveIntegersOnly(string text, bool ok) =>
        Assert.Equal(ok, ChecklistRules.TryParseRunId(text, out _));

    [Fact]
    public void Slug_OfATitle_IsAUsableKeyPart() =>
        Assert.Equal("check-ssl-certificate-status", ChecklistRules.Slug("Check SSL certificate status!"));

    [Fact]
    public void ChecklistEvents_RoundTripThePayload()
    {
        Assert.True(ChecklistEvents.TryParse(ChecklistEvents.Format(42, "daily.morning.uptime", 7), out var item));
        Assert.Equal(new ChecklistItemRef(42, "daily.morning.uptime", 7), item);
        Assert.False(ChecklistEvents.TryParse("42:<b>:7", out _));
        Assert.False(ChecklistEvents.TryParse("nonsense", out _));
    }
}
