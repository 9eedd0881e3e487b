using System.Globalization;
using BarberPro.Core.Text;
using CsvHelper;

namespace BarberPro.Core.Costs;

/// <summary>
/// Cost entries as CSV: <c>month,category,amount_usd,note</c> (note optional), UTF-8. Separated by commas, or by
/// semicolons as a spreadsheet in an Argentine locale writes it (told by the header line), amounts written either way
/// (<see cref="NumberInput"/>: "2150.50", "2.150,50"). Import is all or nothing: the first bad line rejects the file, naming the line, and nothing is
/// stored. Export writes the same columns, so an exported file imports unchanged.
/// </summary>
public static class CostCsv
{
    public const int MaxRows = 5_000;
    public static readonly string[] Header = ["month", "category", "amount_usd", "note"];

    private static CsvReaderOptions Options(char separator) => new()
    {
        HasHeader = true,
        Separator = separator,
        TrimWhitespace = true,
        TrackLineNumbers = true,
        SkipEmptyLines = true,
        MalformedData = CsvMalformedDataHandling.Throw,
        FieldCountMismatch = CsvFieldCountHandling.Allow,
        MissingField = CsvMissingFieldHandling.ReturnEmpty,
        MaxRecordSize = 64 * 1024,
    };

    /// <exception cref="CostImportException">A line is malformed or invalid; nothing should be stored.</exception>
    public static IReadOnlyList<CostEntryInput> Parse(TextReader text, DateOnly latestMonth, CultureInfo? culture = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var all = text.ReadToEnd();
        using var reader = new StringReader(all);
        using var csv = CsvReader.Create(reader, Options(SeparatorOf(all)), leaveOpen: true);
        string[] header;
        try
        {
            csv.ReadHeader();
            header = [.. csv.Headers.Select(h => h.Trim().ToLowerInvariant())];
        }
        catch (Exception ex) when (ex is FormatException or InvalidOperationException)
        {
            throw new CostImportException(1, Phrase.Of("Costs_Csv_HeaderUnreadable", "the header could not be read ({0}); the first line must be month,category,amount_usd,note.", ex.Message));
        }
        if (header.Length == 0 || header.All(string.IsNullOrEmpty))
        {
            throw new CostImportException(1, Phrase.Of("Costs_Csv_Empty", "the file is empty; the first line must be the header month,category,amount_usd,note."));
        }
        foreach (var required in Header[..3])
        {
            if (!header.Contains(required))
            {
                throw new CostImportException(1, Phrase.Of("Costs_Csv_MissingColumn", "the header must name the columns month, category and amount_usd (note is optional); \"{0}\" is missing.", required));
            }
        }
        var unknown = header.Except(Header).ToList();
        if (unknown.Count > 0)
        {
            throw new CostImportException(1, Phrase.Of("Costs_Csv_UnknownColumns", "unknown column(s) {0}; the columns are {1}.", string.Join(", ", unknown.Select(u => $"\"{u}\"")), string.Join(", ", Header)));
        }
        var index = Header.ToDictionary(h => h, h => Array.IndexOf(header, h), StringComparer.Ordinal);

        var rows = new List<CostEntryInput>();
        var seen = new Dictionary<(DateOnly, string), int>();
        var line = 1;
        while (true)
        {
            try
            {
                if (!csv.Read())
                {
                    break;
                }
            }
            catch (FormatException ex)
            {
                var at = ex is CsvFormatException f && f.LineNumber > 0 ? (int)f.LineNumber : line + 1;
                throw new CostImportException(at, Phrase.Of("Costs_Csv_NotCsv", "the line is not valid CSV ({0}).", ex.Message));
            }
            line = (int)csv.LineNumber;
            var fields = Enumerable.Range(0, csv.FieldCount).Select(csv.GetString).ToArray();
            if (fields.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }
            if (fields.Length == header.Length - 1 && index["note"] == header.Length - 1)
            {
                fields = [.. fields, ""];
            }
            if (fields.Length != header.Length)
            {
                throw new CostImportException(line, Phrase.Of("Costs_Csv_FieldCount", "expected {0} fields as in the header, found {1}.", header.Length, fields.Length));
            }
            CostEntryInput entry;
            try
            {
                entry = CostRules.ParseEntry(fields[index["month"]], fields[index["category"]], fields[index["amount_usd"]],
                    index["note"] >= 0 ? fields[index["note"]] : null, latestMonth, culture);
            }
            catch (CostInputException ex)
            {
                throw new CostImportException(line, ex.Problems);
            }
            if (seen.TryGetValue((entry.Month, entry.Category), out var first))
            {
                throw new CostImportException(line, Phrase.Of("Costs_Csv_Duplicate", "{0} of {1} is already on line {2}; a file may give each month and category once.", entry.Category, CostRules.FormatMonth(entry.Month), first));
            }
            seen[(entry.Month, entry.Category)] = line;
            rows.Add(entry);
            if (rows.Count > MaxRows)
            {
                throw new CostImportException(line, Phrase.Of("Costs_Csv_TooMany", "a file may hold at most {0} entries.", MaxRows));
            }
        }
        return rows.Count == 0 ? throw new CostImportException(2, Phrase.Of("Costs_Csv_NoEntries", "the file has a header but no entries.")) : rows;
    }

    /// <summary>A semicolon when the header line holds more semicolons than commas, otherwise a comma.</summary>
    public static char SeparatorOf(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var end = text.IndexOfAny(['\r', '\n']);
        var header = end < 0 ? text : text[..end];
        return header.Count(c => c == ';') > header.Count(c => c == ',') ? ';' : ',';
    }

    public static void Write(TextWriter text, IEnumerable<CostEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        using var csv = CsvWriter.Create(text, new CsvWriterOptions { Separator = ',', NewLine = "\n", Injection = CsvInjection.Escape }, leaveOpen: true);
        csv.WriteRecord(Header);
        foreach (var entry in entries.OrderBy(e => e.Month).ThenBy(e => IndexOf(e.Category)))
        {
            csv.WriteRecord((string[])[CostRules.FormatMonth(entry.Month), NeutraliseFormulas(entry.Category),
                entry.AmountUsd.ToString("0.00", CultureInfo.InvariantCulture), NeutraliseFormulas(entry.Note ?? "")]);
        }
        csv.Flush();
    }

    /// <summary>
    /// Puts a <c>'</c> before every <c>= + - @</c> that could start a cell in a spreadsheet, whatever it splits the line
    /// at: the start of the text and after every character some program takes for a separator (comma, semicolon — Excel
    /// in an Argentine locale —, tab, pipe) or a line break, spaces and quotes in between included. A leading-character
    /// check alone let <c>ok;=HYPERLINK(...)</c> through as a live formula in a <c>;</c>-separated reader.
    /// </summary>
    public static string NeutraliseFormulas(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var result = new System.Text.StringBuilder(value.Length + 4);
        var atCellStart = true;
        foreach (var c in value)
        {
            if (c is ',' or ';' or '\t' or '|' or '\r' or '\n')
            {
                atCellStart = true;
            }
            else if (atCellStart && c is not (' ' or '"'))
            {
                if (c is '=' or '+' or '-' or '@')
                {
                    result.Append('\'');
                }
                atCellStart = false;
            }
            result.Append(c);
        }
        return result.ToString();
    }

    private static int IndexOf(string category)
    {
        for (var i = 0; i < CostCategories.All.Count; i++)
        {
            if (CostCategories.All[i] == category)
            {
                return i;
            }
        }
        return int.MaxValue;
    }

}
