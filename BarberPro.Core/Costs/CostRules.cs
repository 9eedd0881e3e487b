using System.Globalization;
using BarberPro.Core.Text;

namespace BarberPro.Core.Costs;

/// <summary>
/// What a cost entry, a rate or a month may be. The form and the CSV import share these rules and their messages,
/// so the same mistake reads the same in both.
/// </summary>
public static class CostRules
{
    public const decimal MaxAmountUsd = 10_000_000m;
    public const decimal MaxArsPerUsd = 1_000_000m;
    public const int MaxNoteLength = 500;
    public static readonly DateOnly EarliestMonth = new(2000, 1, 1);

    /// <summary>"2026-03" (or a full date, of which the month is taken) to the first day of that month.</summary>
    public static bool TryParseMonth(string? value, out DateOnly month)
    {
        month = default;
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }
        if (DateOnly.TryParseExact(text, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)
            || DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out parsed))
        {
            month = new DateOnly(parsed.Year, parsed.Month, 1);
            return true;
        }
        return false;
    }

    public static string FormatMonth(DateOnly month) => month.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public static string MonthTitle(DateOnly month) => month.ToString("MMMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>
    /// Validates one entry. Amounts are USD written either way (<see cref="NumberInput"/>): "2150.50", "2,150.50",
    /// "2.150,50", "2150,5"; <paramref name="culture"/> only settles "2,150"-like input (see there).
    /// </summary>
    public static CostEntryInput ParseEntry(string? month, string? category, string? amountUsd, string? note, DateOnly latestMonth, CultureInfo? culture = null)
    {
        var problems = new List<Phrase>();
        if (!TryParseMonth(month, out var m))
        {
            problems.Add(Phrase.Of("Costs_Rule_MonthFormat", "Month must be a month as YYYY-MM (was \"{0}\").", month?.Trim()));
        }
        else if (m < EarliestMonth || m > latestMonth)
        {
            problems.Add(Phrase.Of("Costs_Rule_MonthRange", "Month must be between {0} and {1} (was {2}).", FormatMonth(EarliestMonth), FormatMonth(latestMonth), FormatMonth(m)));
        }
        var c = CostCategories.Normalize(category);
        if (c is null)
        {
            problems.Add(Phrase.Of("Costs_Rule_Category", "Category must be one of {0} (was \"{1}\").", string.Join(", ", CostCategories.All), category?.Trim()));
        }
        if (!NumberInput.TryParseDecimal(amountUsd, out var amount, culture))
        {
            problems.Add(Phrase.Of("Costs_Rule_AmountFormat", "Amount must be a number of US dollars such as 2150.50 or 2.150,50 (was \"{0}\").", amountUsd?.Trim()));
        }
        else if (amount < 0 || amount > MaxAmountUsd)
        {
            problems.Add(Phrase.Of("Costs_Rule_AmountRange", "Amount must be between 0 and {0:N0} USD (was {1}).", MaxAmountUsd, amount));
        }
        else if (decimal.Round(amount, 2) != amount)
        {
            problems.Add(Phrase.Of("Costs_Rule_AmountDecimals", "Amount must have at most 2 decimals (was {0}).", amount));
        }
        var trimmedNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (trimmedNote is { Length: > MaxNoteLength })
        {
            problems.Add(Phrase.Of("Costs_Rule_NoteLength", "Note must be at most {0} characters (was {1}).", MaxNoteLength, trimmedNote.Length));
        }
        return problems.Count > 0
            ? throw new CostInputException(problems)
            : new CostEntryInput(m, c!, amount, trimmedNote);
    }

    public static (DateOnly Date, decimal ArsPerUsd) ParseRate(string? date, string? arsPerUsd, DateOnly latestDate, CultureInfo? culture = null)
    {
        var problems = new List<Phrase>();
        if (!DateOnly.TryParseExact(date?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            problems.Add(Phrase.Of("Costs_Rule_DateFormat", "Date must be a date as YYYY-MM-DD (was \"{0}\").", date?.Trim()));
        }
        else if (d < EarliestMonth || d > latestDate)
        {
            problems.Add(Phrase.Of("Costs_Rule_DateRange", "Date must be between {0} and {1}.", EarliestMonth.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), latestDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        }
        if (!NumberInput.TryParseDecimal(arsPerUsd, out var rate, culture) || rate <= 0 || rate > MaxArsPerUsd)
        {
            problems.Add(Phrase.Of("Costs_Rule_Rate", "Rate must be the pesos one US dollar buys, a positive number such as 1450.50 or 1.450,50 (was \"{0}\").", arsPerUsd?.Trim()));
        }
        else if (decimal.Round(rate, 4) != rate)
        {
            problems.Add(Phrase.Of("Costs_Rule_RateDecimals", "Rate must have at most 4 decimals."));
        }
        return problems.Count > 0 ? throw new CostInputException(problems) : (d, rate);
    }
}
