using System.Globalization;
using System.Security.Claims;
using BarberPro.Core.Costs;
using BarberPro.Dashboard.Bookings;
using Microsoft.AspNetCore.Components;
using BarberPro.Core.Time;

namespace BarberPro.Dashboard.Costs;

/// <summary>
/// The cost page. Its three forms post back to the page itself (static server rendering, antiforgery checked by the
/// framework): on success the page redirects (post/redirect/get); on refused input it renders again with the message
/// and the values as typed, status 400, and nothing stored.
/// </summary>
public sealed partial class CostsPage
{
    public const string EntriesForm = "cost-entries";
    public const string RateForm = "usd-ars-rate";
    public const string ImportForm = "cost-import";
    public const long MaxImportBytes = 1024 * 1024;

    [Inject] private CostOverviewService Overview { get; set; } = null!;

    [Inject] private CostStore Store { get; set; } = null!;

    [Inject] private NavigationManager Navigation { get; set; } = null!;

    [Inject] private TimeProvider Time { get; set; } = null!;

    [Inject] private Microsoft.Extensions.Options.IOptions<BarberPro.Core.Live.CostModelOptions> CostModel { get; set; } = null!;

    /// <summary>The blend behind the pod-hour price, from configuration (not the seeds' figures written into the page).</summary>
    private string CostModelText => string.Create(CultureInfo.InvariantCulture,
        $"blended: {CostModel.Value.ReservedCoverage:P0} reserved, {CostModel.Value.SpotShare:P0} of the rest on spot, per CostModel");

    [CascadingParameter] public HttpContext? HttpContext { get; set; }

    [SupplyParameterFromQuery(Name = "month")] public string? MonthQuery { get; set; }

    [SupplyParameterFromQuery(Name = "currency")] public string? CurrencyQuery { get; set; }

    [SupplyParameterFromQuery(Name = "saved")] public string? Saved { get; set; }

    [SupplyParameterFromForm(FormName = EntriesForm)] public CostEntriesForm? Entries { get; set; }

    [SupplyParameterFromForm(FormName = RateForm)] public RateFormModel? Rate { get; set; }

    [SupplyParameterFromForm(FormName = ImportForm)] public ImportFormModel? Import { get; set; }

    private CostOverview? _overview;
    private string? _monthError;
    private string? _entriesError;
    private string? _rateError;
    private string? _importError;
    private bool _unavailable;

    private DateOnly Month { get; set; }

    private Currency Shown => string.Equals(CurrencyQuery, "ARS", StringComparison.OrdinalIgnoreCase) ? Currency.Ars : Currency.Usd;

    protected override async Task OnInitializedAsync()
    {
        Entries ??= new CostEntriesForm();
        Rate ??= new RateFormModel();
        Import ??= new ImportFormModel();
        Month = CostRules.TryParseMonth(MonthQuery, out var m) ? m : Overview.CurrentMonth();
        var latest = Overview.CurrentMonth().AddMonths(12);
        if (Month < CostRules.EarliestMonth || Month > latest)
        {
            // A month the calculations cannot reach (9999-12 overflows the month after it): a clear 400, today's month shown.
            _monthError = $"The month must be between {CostRules.FormatMonth(CostRules.EarliestMonth)} and {CostRules.FormatMonth(latest)} (was {CostRules.FormatMonth(Month)}); showing this month instead.";
            Month = Overview.CurrentMonth();
            SetStatus(StatusCodes.Status400BadRequest);
        }
        await LoadAsync();
        if (_overview is not null && HttpMethods.IsGet(HttpContext?.Request.Method ?? "GET"))
        {
            Entries.Month = CostRules.FormatMonth(Month);
            foreach (var category in CostCategories.All)
            {
                Entries.Amounts[category] = _overview.Selected.AmountOf(category)?.ToString("0.00", CultureInfo.InvariantCulture);
            }
            Rate.Date = CostRules.FormatMonth(Month) + "-01";
        }
    }

    private async Task LoadAsync()
    {
        try
        {
            _overview = await Overview.BuildAsync(Month, Cancellation);
        }
        catch (CostUnavailableException)
        {
            _unavailable = true;
            SetStatus(StatusCodes.Status503ServiceUnavailable);
        }
    }

    private async Task SaveEntriesAsync()
    {
        var form = Entries!;
        var latest = Overview.CurrentMonth().AddMonths(12);
        var inputs = new List<CostEntryInput>();
        var problems = new List<string>();
        IReadOnlyList<CostEntry> existing = [];
        if (!await TryAsync(async () => existing = await Store.GetEntriesAsync(Cancellation), e => _entriesError = e))
        {
            return;
        }
        foreach (var category in CostCategories.All)
        {
            var amount = form.Amounts.GetValueOrDefault(category);
            if (string.IsNullOrWhiteSpace(amount))
            {
                continue;
            }
            try
            {
                var input = CostRules.ParseEntry(form.Month, category, amount, form.Note, latest);
                // The form shows every category; only the ones that change are written (and logged).
                var stored = existing.FirstOrDefault(e => e.Month == input.Month && e.Category == input.Category);
                if (stored is null || stored.AmountUsd != input.AmountUsd || (input.Note is not null && input.Note != stored.Note))
                {
                    inputs.Add(input);
                }
            }
            catch (CostInputException ex)
            {
                problems.Add($"{category}: {ex.Message}");
            }
        }
        if (problems.Count == 0 && inputs.Count == 0)
        {
            if (CostCategories.All.Any(c => !string.IsNullOrWhiteSpace(form.Amounts.GetValueOrDefault(c))))
            {
                Navigation.NavigateTo(Url(CostRules.TryParseMonth(form.Month, out var same) ? same : Month, "nothing changed"));
                return;
            }
            problems.Add("Enter at least one amount.");
        }
        if (problems.Count > 0)
        {
            _entriesError = string.Join(" ", problems.Distinct()) + " Nothing was saved.";
            SetStatus(StatusCodes.Status400BadRequest);
            return;
        }
        if (await TryAsync(() => Store.ImportAsync(inputs, Actor(), "form", Cancellation), e => _entriesError = e))
        {
            Navigation.NavigateTo(Url(inputs[0].Month, $"{inputs.Count} entr{(inputs.Count == 1 ? "y" : "ies")} saved"));
        }
    }

    private async Task SaveRateAsync()
    {
        try
        {
            var today = ArgentinaTimeToday();
            var (date, rate) = CostRules.ParseRate(Rate!.Date, Rate.ArsPerUsd, today.AddDays(366));
            if (await TryAsync(() => Store.SaveRateAsync(date, rate, Actor(), Cancellation), e => _rateError = e))
            {
                Navigation.NavigateTo(Url(Month, "rate saved"));
            }
        }
        catch (CostInputException ex)
        {
            _rateError = ex.Message + " Nothing was saved.";
            SetStatus(StatusCodes.Status400BadRequest);
        }
    }

    private async Task ImportAsync()
    {
        var file = HttpContext?.Request.HasFormContentType == true ? HttpContext.Request.Form.Files.GetFile("file") : null;
        if (file is null || file.Length == 0)
        {
            _importError = "Choose a CSV file to import. Nothing was saved.";
            SetStatus(StatusCodes.Status400BadRequest);
            return;
        }
        if (file.Length > MaxImportBytes)
        {
            _importError = $"The file is {file.Length:N0} bytes; at most {MaxImportBytes:N0} are accepted. Nothing was saved.";
            SetStatus(StatusCodes.Status400BadRequest);
            return;
        }
        IReadOnlyList<CostEntryInput> rows;
        try
        {
            using var reader = new StreamReader(file.OpenReadStream(), System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            rows = CostCsv.Parse(reader, Overview.CurrentMonth().AddMonths(12));
        }
        catch (CostImportException ex)
        {
            _importError = ex.Message + " The file was rejected as a whole; nothing was saved.";
            SetStatus(StatusCodes.Status400BadRequest);
            return;
        }
        if (await TryAsync(() => Store.ImportAsync(rows, Actor(), "csv", Cancellation), e => _importError = e))
        {
            Navigation.NavigateTo(Url(Month, $"{rows.Count} entr{(rows.Count == 1 ? "y" : "ies")} imported"));
        }
    }

    private async Task<bool> TryAsync(Func<Task> write, Action<string> onError)
    {
        try
        {
            await write();
            return true;
        }
        catch (CostUnavailableException ex)
        {
            onError(ex.Message);
            SetStatus(StatusCodes.Status503ServiceUnavailable);
            return false;
        }
    }

    private DateOnly ArgentinaTimeToday() => ArgentinaTime.DateOf(Time.GetUtcNow());

    private CancellationToken Cancellation => HttpContext?.RequestAborted ?? CancellationToken.None;

    private void SetStatus(int status)
    {
        if (HttpContext is { Response.HasStarted: false } http)
        {
            http.Response.StatusCode = status;
        }
    }

    private CostActor Actor() => new(HttpContext?.User.FindFirstValue(ClaimTypes.NameIdentifier), HttpContext?.User.Identity?.Name ?? "unknown");

    private string Url(DateOnly month, string? saved = null) =>
        $"{CostPaths.Root}?month={CostRules.FormatMonth(month)}{(Shown == Currency.Ars ? "&currency=ARS" : "")}{(saved is null ? "" : "&saved=" + Uri.EscapeDataString(saved))}";

    private string CurrencyUrl(Currency currency) =>
        $"{CostPaths.Root}?month={CostRules.FormatMonth(Month)}{(currency == Currency.Ars ? "&currency=ARS" : "")}";

    /// <summary>A USD amount of <paramref name="month"/> in the shown currency, converted at that month's rate.</summary>
    private string Show(decimal usd, DateOnly month, int decimals = 2)
    {
        if (Shown == Currency.Usd)
        {
            return Money.Usd(usd, decimals);
        }
        return _overview?.ToArs(usd, month) is { } ars ? Money.Ars(ars, decimals) : Money.Usd(usd, decimals) + " (no rate)";
    }

    private string ChartJsonOfMonths()
    {
        var months = _overview!.Months.TakeLast(24).ToList();
        var series = CostCategories.All.Select(category => new ChartSeries(category, [.. months.Select(m =>
        {
            var usd = m.AmountOf(category);
            if (usd is null)
            {
                return (double?)null;
            }
            return Shown == Currency.Usd ? (double)usd.Value : _overview.ToArs(usd.Value, m.Month) is { } ars ? (double)ars : null;
        })])).ToList();
        return ChartJson.Serialize(new ChartData("bar", Shown == Currency.Usd ? "USD" : "ARS",
            [.. months.Select(m => CostRules.FormatMonth(m.Month))], series, Stacked: true));
    }
}

public sealed class CostEntriesForm
{
    public string? Month { get; set; }

    public Dictionary<string, string?> Amounts { get; set; } = new(StringComparer.Ordinal);

    public string? Note { get; set; }
}

public sealed class RateFormModel
{
    public string? Date { get; set; }

    public string? ArsPerUsd { get; set; }
}

/// <summary>The file itself is read from the request; the model only names the form.</summary>
public sealed class ImportFormModel
{
    public string? Kind { get; set; } = "csv";
}
