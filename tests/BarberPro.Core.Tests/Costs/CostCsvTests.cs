using BarberPro.Core.Costs;

namespace BarberPro.Core.Tests.Costs;

public sealed class CostCsvTests
{
    private static readonly DateOnly s_latest = new(2026, 12, 1);

    private static IReadOnlyList<CostEntryInput> Parse(string text) => CostCsv.Parse(new StringReader(text), s_latest);

    [Fact]
    public void Parse_GoodFile_ReadsEveryEntry()
    {
        var rows = Parse("month,category,amount_usd,note\n2026-01,Compute,\"4,000.00\",before the move\n2026-01,Database,650\n\n2026-02,network,180.5,\"CDN, optimised\"\n");

        Assert.Equal(
        [
            new CostEntryInput(new DateOnly(2026, 1, 1), "Compute", 4000m, "before the move"),
            new CostEntryInput(new DateOnly(2026, 1, 1), "Database", 650m, null),
            new CostEntryInput(new DateOnly(2026, 2, 1), "Network", 180.5m, "CDN, optimised"),
        ], rows);
    }

    [Fact]
    public void Parse_ColumnsInAnotherOrderWithoutNote_AreFoundByName()
    {
        var rows = Parse("amount_usd,category,month\n95,Monitoring,2026-05\n");

        Assert.Equal([new CostEntryInput(new DateOnly(2026, 5, 1), "Monitoring", 95m, null)], rows);
    }

    [Theory]
    [InlineData("month,category,amount_usd\n2026-01,Compute,1\n2026-01,Storage,ten\n", 3, "Amount")]
    [InlineData("month,category,amount_usd\n2026-01,Compute,1\n2026-01,Compute,2\n", 3, "already on line 2")]
    [InlineData("month,category,amount_usd\n2026-01,Compute,1,extra\n", 2, "expected 3 fields")]
    [InlineData("month,category,cost\n2026-01,Compute,1\n", 1, "amount_usd")]
    [InlineData("", 1, "header")]
    [InlineData("month,category,amount_usd\n", 2, "no entries")]
    [InlineData("month,category,amount_usd\n2026-01,Compute,1\n\n2026-01,\"Stor\"age,1\n", 4, "not valid CSV")]
    public void Parse_BadFile_RejectsItNamingTheLine(string text, int line, string expected)
    {
        var error = Assert.Throws<CostImportException>(() => Parse(text));

        Assert.Equal(line, error.Line);
        Assert.StartsWith($"Line {line}: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_Entries_ImportsBackUnchanged()
    {
        CostEntry[] entries =
        [
            new(new DateOnly(2026, 2, 1), "Storage", 320m, "lifecycle, \"cold\" tier", "m", DateTimeOffset.UnixEpoch),
            new(new DateOnly(2026, 1, 1), "Compute", 2150m, null, "m", DateTimeOffset.UnixEpoch),
        ];
        using var writer = new StringWriter();

        CostCsv.Write(writer, entries);

        Assert.StartsWith("month,category,amount_usd,note\n2026-01,Compute,2150.00,\n", writer.ToString(), StringComparison.Ordinal);
        Assert.Equal(
        [
            new CostEntryInput(new DateOnly(2026, 1, 1), "Compute", 2150m, null),
            new CostEntryInput(new DateOnly(2026, 2, 1), "Storage", 320m, "lifecycle, \"cold\" tier"),
        ], Parse(writer.ToString()));
    }

    [Theory]
    [InlineData(';')]
    [InlineData(',')]
    [InlineData('\t')]
    [InlineData('|')]
    public void Export_ReadBackWithAnySeparator_HasNoCellThatStartsAFormula(char separator)
    {
        string[] notes =
        [
            "ok;=HYPERLINK(\"http://evil.example\",\"x\")",
            "=1+1",
            "a, +cmd|' /C calc'!A0",
            "tab\t-2+3",
            "\"quoted\";\"@SUM(A1)\"",
            "first line\n=2*3",
            "pipe|  =A1",
        ];
        var entries = notes.Select((note, i) => new CostEntry(new DateOnly(2026, 1 + i, 1), "Compute", 10m + i, note, "t", DateTimeOffset.UnixEpoch));
        using var text = new StringWriter();
        CostCsv.Write(text, entries);
        var file = text.ToString();
        Assert.Contains("'=HYPERLINK", file, StringComparison.Ordinal);

        // As a spreadsheet would: split records at line breaks, cells at the separator, quotes taken as quoting.
        var cells = new List<string>();
        using var csv = CsvHelper.CsvReader.Create(new StringReader(file), new CsvHelper.CsvReaderOptions
        {
            HasHeader = false,
            Separator = separator,
            MalformedData = CsvHelper.CsvMalformedDataHandling.Recover,
            FieldCountMismatch = CsvHelper.CsvFieldCountHandling.Allow,
        });
        while (csv.Read())
        {
            cells.AddRange(Enumerable.Range(0, csv.FieldCount).Select(csv.GetString));
        }
        cells.AddRange(file.Split('\n', '\r').SelectMany(line => line.Split(separator)));
        Assert.True(cells.Count > notes.Length * 2);
        Assert.DoesNotContain(cells, cell => cell.TrimStart(' ', '"').Length > 0 && "=+-@".Contains(cell.TrimStart(' ', '"')[0], StringComparison.Ordinal));
    }

    [Fact]
    public void NeutraliseFormulas_LeavesPlainTextAlone_AndEscapesEveryCellStart()
    {
        Assert.Equal("invoice 2026-01, paid", CostCsv.NeutraliseFormulas("invoice 2026-01, paid"));
        Assert.Equal("ok;'=HYPERLINK(\"x\")", CostCsv.NeutraliseFormulas("ok;=HYPERLINK(\"x\")"));
        Assert.Equal("'-5; \"'+1", CostCsv.NeutraliseFormulas("-5; \"+1"));
    }

    [Fact]
    public void Parse_SemicolonsAndDecimalCommas_AsASpreadsheetInArgentinaSavesThem()
    {
        var rows = Parse("month;category;amount_usd;note\r\n2026-01;Compute;2.300,50;reservas, optimizado\r\n2026-01;Storage;320\r\n");

        Assert.Equal(
        [
            new CostEntryInput(new DateOnly(2026, 1, 1), "Compute", 2300.50m, "reservas, optimizado"),
            new CostEntryInput(new DateOnly(2026, 1, 1), "Storage", 320m, null),
        ], rows);
    }

    [Fact]
    public void Parse_SemicolonFileWithOneBadLine_NamesIt()
    {
        var error = Assert.Throws<CostImportException>(() => Parse("month;category;amount_usd\n2026-01;Compute;1\n2026-01;Storage;diez\n"));

        Assert.Equal(3, error.Line);
        Assert.StartsWith("Line 3: Amount", error.Message, StringComparison.Ordinal);
    }
}
