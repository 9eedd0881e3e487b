using System.Globalization;
using BarberPro.Core.Capacity;
using BarberPro.Dashboard.Bookings;
using Microsoft.AspNetCore.Components;
using Npgsql;

namespace BarberPro.Dashboard.Capacity;

/// <summary>
/// The capacity page: the seeds' projection with the saved assumptions, the headroom measured now, the roadmap.
/// Managers change the assumptions in a form that posts back here; a valid change is saved (with who made it) and the
/// page redirects to the recomputed projection; an invalid one is shown with its message and nothing is saved.
/// </summary>
public sealed partial class CapacityPage
{
    public const string AssumptionsForm = "capacity-assumptions";

    [Inject] private CapacityService Service { get; set; } = null!;

    [Inject] private CapacityStore Store { get; set; } = null!;

    [Inject] private NavigationManager Navigation { get; set; } = null!;

    [CascadingParameter] public HttpContext? HttpContext { get; set; }

    [SupplyParameterFromQuery(Name = "saved")] public string? Saved { get; set; }

    [SupplyParameterFromForm(FormName = AssumptionsForm)] public AssumptionsFormModel? Form { get; set; }

    private CapacityOverview? _overview;
    private string? _error;
    private bool _unavailable;

    protected override async Task OnInitializedAsync()
    {
        Form ??= new AssumptionsFormModel();
        try
        {
            _overview = await Service.BuildAsync(HttpContext?.RequestAborted ?? CancellationToken.None);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            _unavailable = true;
            SetStatus(StatusCodes.Status503ServiceUnavailable);
            return;
        }
        if (HttpMethods.IsGet(HttpContext?.Request.Method ?? "GET"))
        {
            var a = _overview.Current.Assumptions;
            var inv = CultureInfo.InvariantCulture;
            Form.GrowthPercent = (a.GrowthRate * 100).ToString("0.###", inv);
            Form.CurrentUsers = a.CurrentUsers.ToString(inv);
            Form.CostPerUserUsd = a.CostPerUserUsd.ToString("0.####", inv);
            Form.ManualReviewThreshold = a.ManualReviewThreshold.ToString(inv);
            Form.Months = a.Months.ToString(inv);
        }
    }

    private async Task SaveAsync()
    {
        CapacityAssumptions assumptions;
        try
        {
            assumptions = CapacityRules.Parse(Form!.GrowthPercent, Form.CurrentUsers, Form.CostPerUserUsd, Form.ManualReviewThreshold, Form.Months);
        }
        catch (CapacityInputException ex)
        {
            _error = ex.Message + " Nothing was saved.";
            SetStatus(StatusCodes.Status400BadRequest);
            return;
        }
        try
        {
            await Store.SaveAsync(assumptions, HttpContext?.User.Identity?.Name ?? "unknown", HttpContext?.RequestAborted ?? CancellationToken.None);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            _error = "The dashboard database did not answer. Nothing was saved; try again in a moment.";
            SetStatus(StatusCodes.Status503ServiceUnavailable);
            return;
        }
        Navigation.NavigateTo("/capacity?saved=1");
    }

    private void SetStatus(int status)
    {
        if (HttpContext is { Response.HasStarted: false } http)
        {
            http.Response.StatusCode = status;
        }
    }

    private static string UsersChart(CapacityOverview o) => ChartJson.Serialize(new ChartData("line", "users",
        [.. o.Projection.Select(r => "Month " + r.Month.ToString(CultureInfo.InvariantCulture))],
        [
            new ChartSeries("projected users", [.. o.Projection.Select(r => (double?)r.Users)]),
            new ChartSeries("manual-review threshold", [.. o.Projection.Select(_ => (double?)o.Current.Assumptions.ManualReviewThreshold)]),
        ], Stacked: false));

    private static string PodsChart(CapacityOverview o) => ChartJson.Serialize(new ChartData("line", "pods",
        [.. o.Projection.Select(r => "Month " + r.Month.ToString(CultureInfo.InvariantCulture))],
        [
            new ChartSeries("pods needed", [.. o.Headroom.PodsNeeded.Select(p => (double?)p)]),
            new ChartSeries("HPA maximum", [.. o.Projection.Select(_ => o.Headroom.HpaMax)]),
        ], Stacked: false));
}

public sealed class AssumptionsFormModel
{
    public string? GrowthPercent { get; set; }

    public string? CurrentUsers { get; set; }

    public string? CostPerUserUsd { get; set; }

    public string? ManualReviewThreshold { get; set; }

    public string? Months { get; set; }
}
