using BarberPro.Core.Incidents;

namespace BarberPro.Core.Tests.Incidents;

public sealed class IncidentRulesTests
{
    [Fact]
    public void AnIncidentOpenedByHand_NeedsATitleASeverityAndALead()
    {
        var errors = IncidentRules.CheckOpen("  ", "urgent", "");

        Assert.Equal(IncidentProblems.TitleMissing, errors["title"]);
        Assert.Equal(IncidentProblems.SeverityMissing, errors["severity"]);
        Assert.Equal(IncidentProblems.LeadMissing, errors["lead"]);
        Assert.Empty(IncidentRules.CheckOpen("Checkout failing", "critical", "user-1"));
        Assert.Equal(IncidentProblems.TitleTooLong, IncidentRules.CheckOpen(new string('x', 201), "info", "u")["title"]);
    }

    [Theory]
    [InlineData("https://wiki.example/pm/2026-11-30", "https://wiki.example/pm/2026-11-30")]
    [InlineData("http://docs.example/pm?id=4", "http://docs.example/pm?id=4")]
    [InlineData(" https://wiki.example/a b ", "https://wiki.example/a%20b")]
    public void APostMortemLink_IsAnAbsoluteHttpOrHttpsAddress(string typed, string stored)
    {
        Assert.Equal(stored, IncidentRules.PostMortemLink(typed)!.AbsoluteUri);
        Assert.Empty(IncidentRules.CheckResolve("Rolled back the release.", typed));
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("data:text/html,<script>alert(1)</script>")]
    [InlineData("file:///etc/passwd")]
    [InlineData("ftp://files.example/pm.txt")]
    [InlineData("/docs/post-mortem.md")]
    [InlineData("wiki.example/pm")]
    [InlineData("http://")]
    public void AnythingElse_IsRefusedBesideTheField(string typed)
    {
        Assert.Null(IncidentRules.PostMortemLink(typed));
        Assert.Equal(IncidentProblems.PostMortemNotALink,
            IncidentRules.CheckResolve("Rolled back the release.", typed)["postmortem"]);
    }

    [Fact]
    public void AResolution_NeedsASummary_TheLinkIsOptional()
    {
        Assert.Equal(IncidentProblems.SummaryMissing, IncidentRules.CheckResolve(" ", null)["summary"]);
        Assert.Empty(IncidentRules.CheckResolve("Redis failed over.", ""));
        Assert.Equal(IncidentProblems.NoteMissing, IncidentRules.CheckNote("\n")["note"]);
        Assert.Equal(IncidentProblems.TextTooLong, IncidentRules.CheckNote(new string('n', 4001))["note"]);
    }

    [Fact]
    public void TheSummaryStore_TellsSubscribersOnlyWhenAFigureChanged_OrATimelineDid()
    {
        var store = new IncidentSummaryStore();
        var told = 0;
        store.Changed += _ => told++;
        var at = new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

        store.Publish(new IncidentSummary(at, 1, 0, 2, TimeSpan.FromMinutes(7)));
        store.Publish(new IncidentSummary(at.AddSeconds(5), 1, 0, 2, TimeSpan.FromMinutes(7)));
        Assert.Equal(1, told);
        store.Publish(new IncidentSummary(at.AddSeconds(10), 1, 0, 2, TimeSpan.FromMinutes(7)), timelinesChanged: true);
        store.Publish(new IncidentSummary(at.AddSeconds(15), 0, 1, 3, TimeSpan.FromMinutes(6)));
        Assert.Equal(3, told);
        Assert.Equal(0, store.Current!.Open);
    }
}
