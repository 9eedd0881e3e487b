using System.Globalization;
using System.Security.Claims;
using BarberPro.Core.Charts;
using BarberPro.Core.Costs;
using BarberPro.Core.Live;
using BarberPro.Core.Security;
using BarberPro.Core.Time;
using BarberPro.Dashboard.Charts;
using BarberPro.Dashboard.Localization;
using BarberPro.Dashboard.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using MudBlazor;

namespace BarberPro.Dashboard.Costs;

/// <summary>
/// The cost page, an interactive component: one month's entries in a grid whose cells save as they are left (each
/// value validated beside its cell, a write only when it changed, one change-log row per changed value); CSV import in a
/// dialog with a preview or the bad line named (all or nothing, the grid untouched on failure); the USD/ARS switch at
/// the month's dated rate; unit-economics cards with their formula on hover; a 12-month trend. Every write needs
/// <see cref="Policies.Manage"/>, re-checked on the server through <see cref="CircuitAccess"/> first. A write the
/// database refuses says so beside the control and keeps what was typed.
/// </summary>
public sealed partial class CostsPage
{
    public const long MaxImportBytes = 1024 * 1024;
    private const string Source = "form";

    private readonly CancellationTokenSource _disposed = new();
    private readonly DialogOptions _dialogOptions = new() { MaxWidth = MaxWidth.Medium, FullWidth = true, CloseButton = true };
    private List<CostCell> _cells = [];
    private CostOverview? _overview;
    private DateOnly _month;
    private DateOnly? _loadedMonth;
    private Currency _currency;
    private ApexChart? _chart;
    private bool _chartStale;
    private string? _monthError;
    private string? _loadError;
    private string? _message;
    private string? _rateDate;
    private string? _rateValue;
    private string? _rateError;
    private bool _importOpen;
    private bool _importing;
    private string? _importText;
    private string? _importError;
    private List<ImportPreviewRow>? _importPreview;

    [Inject] private CostOverviewService Overview { get; set; } = null!;

    [Inject] private ICostStore Store { get; set; } = null!;

    [Inject] private CircuitAccess Access { get; set; } = null!;

    [Inject] private AuthenticationStateProvider Authentication { get; set; } = null!;

    [Inject] private NavigationManager Navigation { get; set; } = null!;

    [Inject] private TimeProvider Time { get; set; } = null!;

    [Inject] private IOptions<CostModelOptions> CostModel { get; set; } = null!;

    /// <summary>Set during the prerender only: a refused month answers 400, a database outage 503.</summary>
    [CascadingParameter] public HttpContext? HttpContext { get; set; }

    [SupplyParameterFromQuery(Name = "month")] public string? MonthQuery { get; set; }

    [SupplyParameterFromQuery(Name = "currency")] public string? CurrencyQuery { get; set; }

    /// <summary>The culture typed numbers are read in beyond the two ways <see cref="NumberInput"/> accepts: the
    /// circuit's (the user's language).</summary>
    private static CultureInfo InputCulture => Languages.Current;

    /// <summary>The blend behind the pod-hour price, from configuration.</summary>
    private string PriceBlendText => L["Costs_PriceBlend", Money.Number(CostModel.Value.ReservedCoverage * 100, "0", C),
        Money.Number(CostModel.Value.SpotShare * 100, "0", C)];

    /// <summary>The culture the page's numbers, money and dates are written in (the user's language).</summary>
    private static CultureInfo C => Languages.Current;

    /// <summary>"November 2026" / "noviembre de 2026".</summary>
    private static string MonthTitle(DateOnly month) => Languages.IsSpanish(C)
        ? month.ToString("MMMM 'de' yyyy", CultureInfo.GetCultureInfo(Languages.SpanishArgentina))
        : CostRules.MonthTitle(month);

    /// <summary>A unit figure's name in the reader's language (the figure's own English one for a figure not listed).</summary>
    private string UnitLabel(UnitFigure figure) => figure.Key switch
    {
        "costPerUser" => L["Costs_CostPerUser"],
        "costPerMillionRequests" => L["Costs_CostPerMillionRequests"],
        "rpsPerDollar" => L["Costs_RpsPerDollar"],
        "usersPerDollar" => L["Costs_UsersPerDollar"],
        "costPerBooking" => L["Costs_CostPerBooking"],
        _ => figure.Label,
    };

    private string UnitUnit(UnitFigure figure) => figure.Key switch
    {
        "costPerUser" => L["Costs_CostPerUserUnit"],
        "costPerMillionRequests" => L["Costs_CostPerMillionRequestsUnit"],
        "rpsPerDollar" => L["Costs_RpsPerDollarUnit"],
        "usersPerDollar" => L["Costs_UsersPerDollarUnit"],
        "costPerBooking" => L["Costs_CostPerBookingUnit"],
        _ => figure.Unit,
    };

    protected override async Task OnParametersSetAsync()
    {
        _currency = string.Equals(CurrencyQuery, "ARS", StringComparison.OrdinalIgnoreCase) ? Currency.Ars : Currency.Usd;
        var month = CostRules.TryParseMonth(MonthQuery, out var m) ? m : Overview.CurrentMonth();
        _monthError = null;
        if (month < CostRules.EarliestMonth || month > Overview.LatestMonth())
        {
            // A month the calculations cannot reach (9999-12 overflows the month after it): a clear 400, this month shown.
            _monthError = L["Costs_MonthOutOfRange", CostRules.FormatMonth(CostRules.EarliestMonth), CostRules.FormatMonth(Overview.LatestMonth()), CostRules.FormatMonth(month)];
            month = Overview.CurrentMonth();
            SetStatus(StatusCodes.Status400BadRequest);
        }
        _month = month;
        if (_loadedMonth != _month)
        {
            _message = null;
            _rateDate = CostRules.FormatMonth(_month) + "-01";
            await LoadAsync(keepTyped: false);
        }
        _chartStale = true;
    }

    /// <summary>Reads the month again; cells whose typed value was refused keep their text and message.</summary>
    private async Task LoadAsync(bool keepTyped)
    {
        try
        {
            _overview = await Overview.BuildAsync(_month, _disposed.Token);
            _loadError = null;
            _loadedMonth = _month;
        }
        catch (CostUnavailableException)
        {
            _loadError = L["Capacity_Unavailable"];
            SetStatus(StatusCodes.Status503ServiceUnavailable);
            return;
        }
        var previous = keepTyped ? _cells.ToDictionary(c => c.Category, StringComparer.Ordinal) : [];
        _cells = [.. CostCategories.All.Select(category =>
        {
            var entry = _overview.Selected.Entries.FirstOrDefault(e => e.Category == category);
            var cell = new CostCell(category)
            {
                StoredUsd = entry?.AmountUsd,
                StoredNote = entry?.Note,
                BaselineUsd = _overview.Baseline.TryGetValue(category, out var b) ? b : null,
                Text = entry is null ? "" : Money.Number(entry.AmountUsd, "0.00", C),
                NoteText = entry?.Note,
            };
            if (previous.TryGetValue(category, out var before))
            {
                cell.SavedAt = before.SavedAt;
                if (before.Error is not null)
                {
                    (cell.Text, cell.Error) = (before.Text, before.Error);
                }
                if (before.NoteError is not null)
                {
                    (cell.NoteText, cell.NoteError) = (before.NoteText, before.NoteError);
                }
            }
            return cell;
        })];
        _chartStale = true;
    }

    /// <summary>Saves one amount cell: validated beside the cell, written only when it changed.</summary>
    public async Task SaveAmountAsync(CostCell cell, string? text)
    {
        ArgumentNullException.ThrowIfNull(cell);
        cell.Text = text ?? "";
        cell.SavedAt = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            cell.Error = cell.StoredUsd is null ? null : L["Costs_CannotEmpty"].Value;
            return;
        }
        await SaveCellAsync(cell, text, cell.StoredNote, error => cell.Error = error);
    }

    /// <summary>Saves one note cell with the amount as stored.</summary>
    public async Task SaveNoteAsync(CostCell cell, string? text)
    {
        ArgumentNullException.ThrowIfNull(cell);
        cell.NoteText = text;
        cell.SavedAt = null;
        if (cell.StoredUsd is not { } amount)
        {
            cell.NoteError = L["Costs_AmountFirst"];
            return;
        }
        await SaveCellAsync(cell, amount.ToString("0.############", Money.NumbersOf(InputCulture)), text, error => cell.NoteError = error);
    }

    private async Task SaveCellAsync(CostCell cell, string amountText, string? note, Action<string?> setError)
    {
        CostEntryInput input;
        try
        {
            input = CostRules.ParseEntry(CostRules.FormatMonth(_month), cell.Category, amountText, note, Overview.LatestMonth(), InputCulture);
        }
        catch (CostInputException ex)
        {
            setError(L.Say(ex.Problems));
            return;
        }
        if (!await Access.IsAllowedAsync(Policies.Manage, _disposed.Token))
        {
            setError(Access.RefusalMessage == CircuitAccess.DeniedMessage ? L["Costs_NeedsManager"] : Access.RefusalMessage);
            return;
        }
        if (input.AmountUsd == cell.StoredUsd && input.Note == cell.StoredNote)
        {
            setError(null);
            return;
        }
        cell.Saving = true;
        try
        {
            await Store.ImportAsync([input], await ActorAsync(), Source, _disposed.Token);
            setError(null);
            cell.SavedAt = Time.GetUtcNow();
            await LoadAsync(keepTyped: true);
        }
        catch (CostUnavailableException)
        {
            setError(L["Costs_DatabaseDown"]);
        }
        finally
        {
            cell.Saving = false;
        }
    }

    private async Task CurrencyChangedAsync(Currency currency)
    {
        _currency = currency;
        _chartStale = true;
        Navigation.NavigateTo(Url(_month, currency), replace: true);
        await Task.CompletedTask;
    }

    public async Task SaveRateAsync()
    {
        _rateError = null;
        (DateOnly Date, decimal Rate) parsed;
        try
        {
            parsed = CostRules.ParseRate(_rateDate, _rateValue, ArgentinaTime.DateOf(Time.GetUtcNow()).AddDays(366), InputCulture);
        }
        catch (CostInputException ex)
        {
            _rateError = L["Capacity_NothingSavedBecause", L.Say(ex.Problems)];
            return;
        }
        if (!await Access.IsAllowedAsync(Policies.Manage, _disposed.Token))
        {
            _rateError = Access.RefusalMessage == CircuitAccess.DeniedMessage ? L["Costs_RateNeedsManager"] : Access.RefusalMessage;
            return;
        }
        try
        {
            await Store.SaveRateAsync(parsed.Date, parsed.Rate, await ActorAsync(), _disposed.Token);
            _rateValue = null;
            _message = L["Costs_RateRecorded", parsed.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Money.Ars(parsed.Rate, C)];
            await LoadAsync(keepTyped: true);
        }
        catch (CostUnavailableException)
        {
            _rateError = L["Costs_DatabaseDown"];
        }
    }

    private void OpenImport()
    {
        _importOpen = true;
        _importError = null;
        _importPreview = null;
    }

    private void CloseImport()
    {
        _importOpen = false;
        _importPreview = null;
        _importError = null;
    }

    private async Task FileChosenAsync(InputFileChangeEventArgs e)
    {
        _importPreview = null;
        if (e.File.Size > MaxImportBytes)
        {
            _importError = L["Costs_FileTooBig", Money.Count(e.File.Size, C), Money.Count(MaxImportBytes, C)];
            return;
        }
        using var reader = new StreamReader(e.File.OpenReadStream(MaxImportBytes, _disposed.Token), System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        _importText = await reader.ReadToEndAsync(_disposed.Token);
        PreviewImport();
    }

    /// <summary>Reads the CSV and shows what it would change, or the line that stops it. Nothing is stored here.</summary>
    public void PreviewImport()
    {
        _importPreview = null;
        _importError = null;
        if (string.IsNullOrWhiteSpace(_importText))
        {
            _importError = L["Costs_ChooseFile"];
            return;
        }
        try
        {
            var rows = CostCsv.Parse(new StringReader(_importText), Overview.LatestMonth(), InputCulture);
            var stored = _overview?.Months.SelectMany(m => m.Entries).ToDictionary(e => (e.Month, e.Category)) ?? [];
            _importPreview = [.. rows.Select(r =>
            {
                var now = stored.GetValueOrDefault((r.Month, r.Category));
                return new ImportPreviewRow(r, now?.AmountUsd, now is null || now.AmountUsd != r.AmountUsd || now.Note != r.Note);
            })];
        }
        catch (CostImportException ex)
        {
            _importError = L["Costs_FileRejected", L["Costs_LineProblem", ex.Line, L.Say(ex.Problems)]];
        }
    }

    /// <summary>Stores every previewed entry or none; on failure the grid keeps what it showed and the dialog says why.</summary>
    public async Task ImportAsync()
    {
        if (_importPreview is not { Count: > 0 } preview)
        {
            _importError = L["Costs_CheckFirst"];
            return;
        }
        if (!await Access.IsAllowedAsync(Policies.Manage, _disposed.Token))
        {
            _importError = Access.RefusalMessage == CircuitAccess.DeniedMessage ? L["Costs_ImportNeedsManager"] : Access.RefusalMessage;
            return;
        }
        _importing = true;
        try
        {
            var changed = await Store.ImportAsync([.. preview.Select(p => p.Input)], await ActorAsync(), "csv", _disposed.Token);
            _message = preview.Count == 1 ? L["Costs_ImportedOne", changed] : L["Costs_ImportedMany", preview.Count, changed];
            CloseImport();
            _importText = null;
            await LoadAsync(keepTyped: false);
        }
        catch (CostUnavailableException)
        {
            _importError = L["Costs_DatabaseDown"];
        }
        finally
        {
            _importing = false;
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!_chartStale || _chart is null || _overview is null || !RendererInfo.IsInteractive)
        {
            return;
        }
        _chartStale = false;
        try
        {
            await _chart.DrawAsync(TrendOptions(_overview, _currency, L));
        }
        catch (Microsoft.JSInterop.JSDisconnectedException)
        {
            // The circuit is gone; nothing to draw.
        }
    }

    /// <summary>The 12 months to the shown one, empty months included.</summary>
    internal static IEnumerable<CostMonth> TrendMonths(CostOverview overview) =>
        Enumerable.Range(0, 12).Select(i => overview.Month.AddMonths(i - 11))
            .Select(month => overview.Months.FirstOrDefault(m => m.Month == month) ?? new CostMonth(month, []));

    /// <summary>One line per category and the total, per month, in the shown currency (pesos at each month's rate).</summary>
    internal static ApexOptions TrendOptions(CostOverview overview, Currency currency, IStringLocalizer<Strings>? strings = null)
    {
        string Text(string key, string english) => strings is null ? english : strings[key];
        var months = TrendMonths(overview).ToList();
        double? Value(decimal? usd, DateOnly month) => usd is not { } u ? null
            : currency == Currency.Usd ? (double)u : overview.ToArs(u, month) is { } ars ? (double)ars : null;
        long X(DateOnly month) => new DateTimeOffset(month.Year, month.Month, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
        var series = CostCategories.All
            .Select(category => new ApexSeries(category, [.. months.Select(m => new ApexPoint(X(m.Month), Value(m.AmountOf(category), m.Month)))]))
            .Prepend(new ApexSeries(Text("Bookings_Total", "Total"), [.. months.Select(m => new ApexPoint(X(m.Month), m.Entries.Count == 0 ? null : Value(m.TotalUsd, m.Month)))]))
            .ToList();
        var unit = currency == Currency.Usd ? Text("Costs_UsdPerMonth", "US$ per month") : Text("Costs_PesosPerMonth", "pesos per month");
        return new ApexOptions(
            new ApexChartSettings("cost-trend", "line", 280),
            series,
            new ApexXAxis(X(months[0].Month), X(months[^1].Month), new ApexTitle(Text("Costs_Month", "Month"))),
            new ApexYAxis(0, new ApexTitle(unit), 0),
            new ApexAnnotations([], []))
        {
            Tooltip = new ApexTooltip(new ApexTooltipX("MMM yyyy")),
            NoData = new ApexNoData(Text("Costs_NoCostInMonths", "No cost entered in these months")),
            // Months are few and often alone (the first month entered, a month between two empty ones): a dot each.
            Markers = new ApexMarkers(4),
        };
    }

    /// <summary>A USD amount of <paramref name="month"/> in the shown currency, converted at that month's rate.</summary>
    private string Show(decimal usd, DateOnly month, int decimals = 2)
    {
        if (_currency == Currency.Usd)
        {
            return Money.Usd(usd, C, decimals);
        }
        return _overview?.ToArs(usd, month) is { } ars ? Money.Ars(ars, C, decimals) : L["Costs_NoRateSuffix", Money.Usd(usd, C, decimals)];
    }

    /// <summary>A unit figure; money figures in pesos when pesos are shown.</summary>
    private string UnitValue(UnitFigure figure)
    {
        if (_currency != Currency.Ars || figure.Value is not { } usd || !UnitEconomics.IsMoney(figure) || _overview?.MonthRate is not { } rate)
        {
            return UnitDisplay(figure);
        }
        return Money.Ars((decimal)usd * rate.ArsPerUsd, C) + " (" + UnitDisplay(figure) + ")";
    }

    /// <summary>A unit figure's value in US$ (or per US$), written the reader's way.</summary>
    private string UnitDisplay(UnitFigure figure) => figure.Value is not { } value ? L["Common_NoData"] : figure.Key switch
    {
        "rpsPerDollar" => L["Costs_RpsPerDollarValue", value],
        "usersPerDollar" => L["Costs_UsersPerDollarValue", value],
        _ when UnitEconomics.IsMoney(figure) => Money.Usd((decimal)value, C, UnitEconomics.DecimalsFor(value, 2)),
        _ => figure.Display,
    };

    /// <summary>A unit figure's formula on the month's numbers, in the reader's language.</summary>
    private string UnitFormula(UnitFigure figure) => figure.FormulaPhrase is { } formula ? L.Say(formula) : figure.Formula;

    private string SourceText(string source) => source switch
    {
        "csv" => L["Costs_SourceCsv"],
        "seed" => L["Costs_SourceSeed"],
        _ => L["Costs_SourceForm"],
    };

    private async Task<CostActor> ActorAsync()
    {
        var user = (await Authentication.GetAuthenticationStateAsync()).User;
        return new CostActor(user.FindFirstValue(ClaimTypes.NameIdentifier), user.Identity?.Name ?? "unknown");
    }

    private void SetStatus(int status)
    {
        if (HttpContext is { Response.HasStarted: false } http)
        {
            http.Response.StatusCode = status;
        }
    }

    internal static string Url(DateOnly month, Currency currency) =>
        $"{CostPaths.Root}?month={CostRules.FormatMonth(month)}{(currency == Currency.Ars ? "&currency=ARS" : "")}";

    private Dictionary<string, object> CellAttributes(string category, string field) => new(StringComparer.Ordinal)
    {
        ["data-testid"] = $"cell-{field}-{category}",
        ["aria-label"] = field == "amount" ? L["Costs_CellAmount", category].Value : L["Costs_CellNote", category].Value,
    };

    private static Dictionary<string, object> Attr(string testId) => new(StringComparer.Ordinal) { ["data-testid"] = testId };

    public async ValueTask DisposeAsync()
    {
        await _disposed.CancelAsync();
        _disposed.Dispose();
    }
}

/// <summary>One category of the shown month in the grid: what is stored, what was typed, and what the cell says.</summary>
public sealed class CostCell(string category)
{
    public string Category { get; } = category;

    public decimal? StoredUsd { get; set; }

    public string? StoredNote { get; set; }

    public decimal? BaselineUsd { get; set; }

    public string Text { get; set; } = "";

    public string? NoteText { get; set; }

    public string? Error { get; set; }

    public string? NoteError { get; set; }

    public bool Saving { get; set; }

    public DateTimeOffset? SavedAt { get; set; }
}

/// <summary>A line of an import as it would be stored, beside what is stored now.</summary>
public sealed record ImportPreviewRow(CostEntryInput Input, decimal? CurrentUsd, bool Changes);
