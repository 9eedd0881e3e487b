using System.Globalization;
using BarberPro.Core.Capacity;
using BarberPro.Core.Charts;
using BarberPro.Core.Costs;
using BarberPro.Core.Persistence;
using BarberPro.Core.Security;
using BarberPro.Dashboard.Charts;
using BarberPro.Dashboard.Localization;
using BarberPro.Dashboard.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Localization;

namespace BarberPro.Dashboard.Capacity;

/// <summary>
/// The capacity page: the projection of users and cost with the saved assumptions, recomputed in the circuit as the
/// inputs and sliders move (no form post); the months the autoscaler maximum and the manual-review threshold are
/// reached are flagged, and each month's action agrees with them (<see cref="CapacityProjection.ActionFor"/>). Saving
/// needs <see cref="Policies.Manage"/>, re-checked on the server through <see cref="CircuitAccess"/> before the write;
/// each save is a new row with who made it. A failed save says so beside the button and keeps what was typed.
/// </summary>
public sealed partial class CapacityPage
{
    private readonly CancellationTokenSource _disposed = new();
    private readonly Dictionary<string, string> _errors = new(StringComparer.Ordinal);
    private CapacityOverview? _overview;
    private CapacityPlan? _plan;
    private ApexChart? _chart;
    private bool _unavailable;
    private bool _saving;
    private bool _chartStale = true;
    private string? _message;
    private bool _messageIsError;

    private double _growth;
    private int _users;
    private double _cost;
    private int? _hpaMax;
    private int _review;
    private int _months;
    private string _growthText = "";
    private string _usersText = "";
    private string _costText = "";
    private string _hpaText = "";
    private string _reviewText = "";
    private string _monthsText = "";

    [Inject] private CapacityService Service { get; set; } = null!;

    [Inject] private ICapacityStore Store { get; set; } = null!;

    [Inject] private CircuitAccess Access { get; set; } = null!;

    [Inject] private AuthenticationStateProvider Authentication { get; set; } = null!;

    /// <summary>The culture typed numbers are read in beyond the two ways <see cref="NumberInput"/> accepts: the
    /// circuit's (the user's language).</summary>
    private static CultureInfo InputCulture => Languages.Current;

    protected override async Task OnInitializedAsync()
    {
        try
        {
            _overview = await Service.BuildAsync(_disposed.Token);
        }
        catch (Exception ex) when (DurableTransaction.IsUnavailable(ex))
        {
            _unavailable = true;
            return;
        }
        Reset();
    }

    /// <summary>Puts the inputs back to the saved assumptions and the measured autoscaler maximum.</summary>
    private void Reset()
    {
        var a = _overview!.Current.Assumptions;
        _growth = Math.Round(a.GrowthRate * 100, 3);
        _users = a.CurrentUsers;
        _cost = a.CostPerUserUsd;
        _hpaMax = _overview.Measured.HpaMax is { } max ? (int)Math.Round(max) : null;
        _review = a.ManualReviewThreshold;
        _months = a.Months;
        _errors.Clear();
        SyncTexts();
        Recompute();
    }

    private void SyncTexts()
    {
        var inv = CultureInfo.InvariantCulture;
        _growthText = _growth.ToString("0.###", inv);
        _usersText = _users.ToString(inv);
        _costText = _cost.ToString("0.####", inv);
        _hpaText = _hpaMax?.ToString(inv) ?? "";
        _reviewText = _review.ToString(inv);
        _monthsText = _months.ToString(inv);
    }

    private CapacityAssumptions Assumptions => new(_growth / 100, _users, _cost, _review, _months);

    private void Recompute()
    {
        _plan = _overview!.PlanFor(Assumptions, _hpaMax);
        _chartStale = true;
    }

    private void GrowthSlid(double value) { _growth = value; _growthText = value.ToString("0.###", CultureInfo.InvariantCulture); _errors.Remove("growth"); Recompute(); }

    private void UsersSlid(int value) { _users = value; _usersText = value.ToString(CultureInfo.InvariantCulture); _errors.Remove("users"); Recompute(); }

    private void CostSlid(double value) { _cost = Math.Round(value, 4); _costText = _cost.ToString("0.####", CultureInfo.InvariantCulture); _errors.Remove("cost"); Recompute(); }

    private void HpaSlid(int value) { _hpaMax = value; _hpaText = value.ToString(CultureInfo.InvariantCulture); _errors.Remove("hpa"); Recompute(); }

    private void GrowthTextChanged(string? text) =>
        Typed(text, "growth", v => _growthText = v, d => d > -100 && d <= 1000, L["Capacity_GrowthInvalid"], d => _growth = (double)d);

    private void UsersTextChanged(string? text) =>
        Typed(text, "users", v => _usersText = v, d => d >= 1 && d <= 100_000_000 && d == decimal.Truncate(d), L["Capacity_UsersInvalid"], d => _users = (int)d);

    private void CostTextChanged(string? text) =>
        Typed(text, "cost", v => _costText = v, d => d >= 0 && d <= 10_000, L["Capacity_CostInvalid"], d => _cost = (double)d);

    private void HpaTextChanged(string? text) =>
        Typed(text, "hpa", v => _hpaText = v, d => d >= 1 && d <= 10_000 && d == decimal.Truncate(d), L["Capacity_HpaInvalid"], d => _hpaMax = (int)d);

    private void ReviewTextChanged(string? text) =>
        Typed(text, "review", v => _reviewText = v, d => d >= 1 && d <= 1_000_000_000 && d == decimal.Truncate(d), L["Capacity_ReviewInvalid"], d => _review = (int)d);

    private void MonthsTextChanged(string? text) =>
        Typed(text, "months", v => _monthsText = v, d => d >= 1 && d <= 36 && d == decimal.Truncate(d), L["Capacity_MonthsInvalid"], d => _months = (int)d);

    /// <summary>Keeps the typed text; a valid number replaces the value and recomputes, an invalid one is named beside the field.</summary>
    private void Typed(string? text, string field, Action<string> keep, Func<decimal, bool> valid, string message, Action<decimal> apply)
    {
        keep(text ?? "");
        if (NumberInput.TryParseDecimal(text, out var value, InputCulture) && valid(value))
        {
            _errors.Remove(field);
            apply(value);
            Recompute();
        }
        else
        {
            _errors[field] = L["Capacity_WasTyped", message, text?.Trim() ?? ""];
        }
    }

    /// <summary>Saves the assumptions on screen (not the autoscaler maximum, which is measured) as in force from now.</summary>
    public async Task SaveAsync()
    {
        if (!await Access.IsAllowedAsync(Policies.Manage, _disposed.Token))
        {
            Say(Access.RefusalMessage == CircuitAccess.DeniedMessage ? L["Capacity_NeedsManager"] : Access.RefusalMessage, error: true);
            return;
        }
        if (_errors.Count > 0)
        {
            Say(L["Capacity_CorrectFirst"], error: true);
            return;
        }
        CapacityAssumptions assumptions;
        try
        {
            var inv = CultureInfo.InvariantCulture;
            assumptions = CapacityRules.Parse(_growth.ToString("R", inv), _users.ToString(inv), _cost.ToString("R", inv), _review.ToString(inv), _months.ToString(inv));
        }
        catch (CapacityInputException ex)
        {
            Say(L["Capacity_NothingSavedBecause", L.Say(ex.Problems)], error: true);
            return;
        }
        _saving = true;
        try
        {
            var actor = (await Authentication.GetAuthenticationStateAsync()).User.Identity?.Name ?? "unknown";
            await Store.SaveAsync(assumptions, actor, _disposed.Token);
            var history = await Store.GetHistoryAsync(20, _disposed.Token);
            _overview = _overview! with { Current = history.Count > 0 ? history[0] : _overview.Current, History = history };
            Say(L["Capacity_Saved"], error: false);
        }
        catch (Exception ex) when (DurableTransaction.IsUnavailable(ex))
        {
            Say(L["Capacity_NotSavedDatabase"], error: true);
        }
        finally
        {
            _saving = false;
        }
    }

    private void Say(string message, bool error)
    {
        _message = message;
        _messageIsError = error;
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!_chartStale || _chart is null || _plan is null || !RendererInfo.IsInteractive)
        {
            return;
        }
        _chartStale = false;
        try
        {
            await _chart.DrawAsync(ChartOptions(_plan, _review, L));
        }
        catch (Microsoft.JSInterop.JSDisconnectedException)
        {
            // The circuit is gone; nothing to draw.
        }
    }

    /// <summary>Projected users per month, the review threshold as a line and the months the limits are reached marked.</summary>
    internal static ApexOptions ChartOptions(CapacityPlan plan, int reviewThreshold, IStringLocalizer<Strings>? strings = null)
    {
        string Text(string key, string english) => strings is null ? english : strings[key];
        var xs = new List<ApexXAnnotation>();
        if (plan.HpaMaxReachedMonth is { } hpa)
        {
            xs.Add(new ApexXAnnotation(hpa, "#b45309", 4, new ApexLabel(Text("Capacity_ChartHpa", "HPA maximum"), "#b45309", new ApexLabelStyle("#ffffff", "#b45309"))));
        }
        if (plan.ReviewReachedMonth is { } review)
        {
            xs.Add(new ApexXAnnotation(review, "#b91c1c", 4, new ApexLabel(Text("Capacity_ChartReview", "review"), "#b91c1c", new ApexLabelStyle("#ffffff", "#b91c1c"))));
        }
        var last = plan.Rows.Count == 0 ? 1 : plan.Rows[^1].Month;
        return new ApexOptions(
            new ApexChartSettings("capacity-users", "line", 260),
            [new ApexSeries(Text("Capacity_ChartSeries", "Projected users"), [.. plan.Rows.Select(r => new ApexPoint(r.Month, r.Users))])],
            new ApexXAxis(1, last, new ApexTitle(Text("Capacity_ChartX", "Months from now"))) { Type = "numeric" },
            new ApexYAxis(0, new ApexTitle(Text("Capacity_ChartY", "users")), 0),
            new ApexAnnotations(
                [new ApexYAnnotation(reviewThreshold, "#b91c1c", 6, new ApexLabel(Text("Capacity_ChartManualReview", "manual review"), "#b91c1c", new ApexLabelStyle("#ffffff", "#b91c1c")))],
                xs))
        {
            NoData = new ApexNoData(Text("Capacity_ChartNoData", "No projection")),
        };
    }

    private static string RowClass(ProjectionRow row) => row.Action switch
    {
        ScalingAction.ManualReview => "action-review",
        ScalingAction.RaiseHpaMaximum => "action-hpa",
        _ => "action-auto",
    };

    private string Changes(CapacityAssumptions before, CapacityAssumptions after)
    {
        var parts = new List<string>();
        if (before.GrowthRate != after.GrowthRate) parts.Add(L["Capacity_ChangedGrowth", Percent(before.GrowthRate), Percent(after.GrowthRate)]);
        if (before.CurrentUsers != after.CurrentUsers) parts.Add(L["Capacity_ChangedUsers", Count(before.CurrentUsers), Count(after.CurrentUsers)]);
        if (before.CostPerUserUsd != after.CostPerUserUsd) parts.Add(L["Capacity_ChangedCost", Money.Usd((decimal)before.CostPerUserUsd, C), Money.Usd((decimal)after.CostPerUserUsd, C)]);
        if (before.ManualReviewThreshold != after.ManualReviewThreshold) parts.Add(L["Capacity_ChangedReview", Count(before.ManualReviewThreshold), Count(after.ManualReviewThreshold)]);
        if (before.Months != after.Months) parts.Add(L["Capacity_ChangedMonths", before.Months, after.Months]);
        return parts.Count == 0 ? L["Capacity_SavedUnchanged"] : string.Join("; ", parts);
    }

    private string ActionText(ScalingAction action) => action switch
    {
        ScalingAction.Auto => L["Capacity_ActionAuto"],
        ScalingAction.RaiseHpaMaximum => L["Capacity_ActionRaiseHpa"],
        _ => L["Capacity_ActionReview"],
    };

    /// <summary>The culture the page's numbers, money and dates are written in (the user's language).</summary>
    private static CultureInfo C => Languages.Current;

    private static string Percent(double fraction) => Money.Number(fraction * 100, "0.##", C) + " %";

    private static string Count(long value) => Money.Count(value, C);

    private static Dictionary<string, object> Attr(string testId, string? ariaLabel = null)
    {
        var attributes = new Dictionary<string, object>(StringComparer.Ordinal) { ["data-testid"] = testId };
        if (ariaLabel is not null)
        {
            attributes["aria-label"] = ariaLabel;
        }
        return attributes;
    }

    public async ValueTask DisposeAsync()
    {
        await _disposed.CancelAsync();
        _disposed.Dispose();
    }
}
