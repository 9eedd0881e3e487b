using System.Globalization;
using BarberPro.Core.Reports;
using BarberPro.Core.Time;
using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;

namespace BarberPro.Dashboard.Reports;

/// <summary>
/// A report as an A4 PDF (PDFsharp 6.2.4): title, period, every figure with its target, pass/fail, previous value and
/// change, then bookings by city, alerts, incidents and open checklist items, in the words and number formats of the
/// person who downloads it (<see cref="ReportWords"/>; DejaVu Sans has every accent of Spanish). The font is DejaVu Sans from the Debian package
/// fonts-dejavu-core (<see cref="ReportOptions.FontDirectory"/>), embedded in the file; nothing is downloaded.
/// </summary>
public static class ReportPdf
{
    private const double Margin = 42;
    private const double Row = 14;
    private static readonly Lock s_gate = new();
    // Figure, value, target, result, previous, change: 511 pt, the width of A4 inside the margins; wide enough for
    // "Resultado", "no cumple" and "+0,04 pp".
    private static readonly double[] s_widths = [160, 70, 76, 64, 70, 71];

    public static byte[] Write(Report report, string fontDirectory, ReportWords words)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(words);
        var w = words;
        EnsureFonts(fontDirectory);
        using var document = new PdfDocument();
        document.Info.Title = w.Title(report.Period);
        document.Info.Author = "BarberPro Ops Dashboard";
        var writer = new PageWriter(document, w);

        writer.Text(w.Title(report.Period), writer.Title);
        writer.Text(w["Reports_PdfComparedWith", w.Range(report.Period), w.Range(report.Period.Previous)], writer.Body);
        writer.Text(w.Generated(report), writer.Small);
        foreach (var problem in report.Content.Problems)
        {
            writer.Text(w["Reports_Note", problem], writer.Small);
        }
        writer.Gap();
        writer.Cells([w["Reports_ColFigure"], w["Reports_ColValue"], w["Reports_ColTarget"], w["Reports_ColResult"], w["Reports_ColPreviousShort"], w["Reports_ColChange"]], writer.Bold);
        foreach (var group in report.Content.Figures.GroupBy(f => f.Group))
        {
            writer.Gap(4);
            writer.Text(w.Group(group.Key), writer.Bold);
            foreach (var f in group)
            {
                writer.Cells([w.Label(f), w.Display(f), w.Target(f.Target), w.Verdict(f), w.PreviousDisplay(f), w.Change(f)], writer.Body, f.Passed == false);
            }
        }
        if (report.Content.Charts is { Count: > 0 } charts)
        {
            writer.Gap();
            writer.Text(w["Reports_PdfCharts", w.PreviousPeriod(report.Period)], writer.Bold);
            foreach (var chart in charts)
            {
                writer.Chart(chart);
            }
        }
        if (report.Content.Cities.Count > 0)
        {
            writer.Gap();
            writer.Text(w["Reports_BookingsByCity"], writer.Bold);
            foreach (var city in report.Content.Cities)
            {
                writer.Text(w["Reports_PdfCity", city.City, w.Count(city.Bookings), w.Count(city.Completed), w.Ars(city.RevenueArs)], writer.Body);
            }
        }
        writer.Gap();
        writer.Text(w["Reports_AlertsFired"], writer.Bold);
        writer.Text(report.Content.Alerts.Count == 0 ? w["Reports_NoneLeft"] : string.Join("; ", report.Content.Alerts.Select(w.AlertLine)), writer.Body);
        writer.Gap();
        writer.Text(w["Reports_Incidents"], writer.Bold);
        if (report.Content.Incidents is not { } incidents)
        {
            writer.Text(w.IncidentsNotRecorded, writer.Body);
        }
        else if (incidents.Error is { } error)
        {
            writer.Text(error, writer.Body);
        }
        else
        {
            writer.Text(w.IncidentSummary(report.Content), writer.Body);
            if (incidents.Incidents.Count == 0)
            {
                writer.Text(w.IncidentsNone, writer.Body);
            }
            foreach (var incident in incidents.Incidents)
            {
                writer.Text(w.IncidentLine(incident), writer.Body);
            }
        }
        writer.Gap();
        writer.Text(w["Reports_OpenItems"], writer.Bold);
        if (report.Content.OpenItems.Count == 0)
        {
            writer.Text(w["Reports_NoneLeft"], writer.Body);
        }
        foreach (var item in report.Content.OpenItems)
        {
            writer.Text(w.OpenItem(item), writer.Body);
        }
        writer.Dispose();
        using var stream = new MemoryStream();
        document.Save(stream, closeStream: false);
        return stream.ToArray();
    }

    private static void EnsureFonts(string directory)
    {
        lock (s_gate)
        {
            if (GlobalFontSettings.FontResolver is DejaVuFontResolver)
            {
                return;
            }
            GlobalFontSettings.FontResolver = new DejaVuFontResolver(directory);
        }
    }

    /// <summary>Writes lines top to bottom, starting a new A4 page when one is full.</summary>
    private sealed class PageWriter : IDisposable
    {
        private readonly PdfDocument _document;
        private readonly ReportWords _words;
        private XGraphics _graphics = null!;
        private PdfPage _page = null!;
        private double _y;

        public PageWriter(PdfDocument document, ReportWords words)
        {
            _document = document;
            _words = words;
            NewPage();
        }

        public XFont Title { get; } = new(DejaVuFontResolver.Family, 15, XFontStyleEx.Bold);

        public XFont Bold { get; } = new(DejaVuFontResolver.Family, 9.5, XFontStyleEx.Bold);

        public XFont Body { get; } = new(DejaVuFontResolver.Family, 9.5, XFontStyleEx.Regular);

        public XFont Small { get; } = new(DejaVuFontResolver.Family, 8, XFontStyleEx.Regular);

        private double Width => _page.Width.Point - (2 * Margin);

        public void Text(string text, XFont font)
        {
            foreach (var line in Wrap(text, font, Width))
            {
                Room(font.Size + 5);
                _graphics.DrawString(line, font, XBrushes.Black, new XRect(Margin, _y, Width, font.Size + 5), XStringFormats.TopLeft);
                _y += font.Size + 5;
            }
        }

        /// <summary>A row of the figures' table: the first cell (a figure's name, longer in Spanish) wraps onto more
        /// lines; the others are cut with an ellipsis if ever too wide.</summary>
        public void Cells(IReadOnlyList<string> cells, XFont font, bool failed = false)
        {
            var first = Wrap(cells[0], font, s_widths[0] - 4).ToList();
            Room(Row * first.Count);
            for (var line = 0; line < first.Count; line++)
            {
                _graphics.DrawString(first[line], font, XBrushes.Black, new XRect(Margin, _y + (line * Row), s_widths[0] - 4, Row), XStringFormats.TopLeft);
            }
            var x = Margin + s_widths[0];
            for (var i = 1; i < cells.Count; i++)
            {
                var brush = failed && i == 3 ? XBrushes.DarkRed : XBrushes.Black;
                // Text columns start a little after the number before them, which ends at its right edge.
                var right = i is 1 or 4 or 5;
                var indent = right ? 0 : 6;
                var text = Fit(cells[i], font, s_widths[i] - 4 - indent);
                _graphics.DrawString(text, font, brush, new XRect(x + indent, _y, s_widths[i] - 4 - indent, Row),
                    right ? XStringFormats.TopRight : XStringFormats.TopLeft);
                x += s_widths[i];
            }
            _y += Row * first.Count;
        }

        public void Gap(double height = 8) => _y += height;

        /// <summary>A stored chart as lines on a plot: y axis from 0 to <see cref="ReportChartShaper.AxisMax"/> with three
        /// labels, the period's start, middle and end (ART) under it, dashed target lines with their labels, the previous
        /// period's line lighter, gaps where there was no data; then the chart's summary sentence.</summary>
        public void Chart(ReportChart chart)
        {
            const double plot = 110;
            const double axis = 58;
            Room(Bold.Size + 5 + plot + 14 + 28);
            Gap(4);
            Text(_words.ChartTitle(chart) + " (" + _words.ChartUnit(chart) + ")", Bold);
            var (left, right, top) = (Margin + axis, Margin + Width - 2, _y + 4);
            var bottom = top + plot;
            var max = ReportChartShaper.AxisMax(chart) ?? 1;
            var axisPen = new XPen(XColors.Gray, 0.6);
            var gridPen = new XPen(XColor.FromArgb(0xe0, 0xe0, 0xe0), 0.4);
            for (var k = 0; k <= 2; k++)
            {
                var y = bottom - (k / 2.0 * plot);
                if (k > 0)
                {
                    _graphics.DrawLine(gridPen, left, y, right, y);
                }
                _graphics.DrawString(_words.ChartAxisValue(chart, max * k / 2), Small, XBrushes.Black,
                    new XRect(Margin, y - 5, axis - 4, 10), XStringFormats.CenterRight);
            }
            _graphics.DrawLine(axisPen, left, bottom, right, bottom);
            _graphics.DrawLine(axisPen, left, top, left, bottom);

            foreach (var target in chart.Targets)
            {
                var color = target.Critical ? XColor.FromArgb(0xc9, 0x2a, 0x2a) : XColor.FromArgb(0xb3, 0x5c, 0x00);
                var y = bottom - (target.Value / max * plot);
                _graphics.DrawLine(new XPen(color, 0.8) { DashStyle = XDashStyle.Dash }, left, y, right, y);
                _graphics.DrawString(_words.ChartTarget(target), Small, new XSolidBrush(color), new XRect(left, y - 10, right - left - 2, 9), XStringFormats.TopRight);
            }

            foreach (var line in chart.Lines.OrderByDescending(l => l.IsPrevious))
            {
                var pen = line.IsPrevious ? new XPen(XColor.FromArgb(0x9f, 0xb6, 0xdc), 1) : new XPen(XColor.FromArgb(0x1c, 0x5f, 0xb8), 1.2);
                var count = line.Values.Count;
                var segment = new List<XPoint>();
                for (var i = 0; i <= count; i++)
                {
                    if (i < count && line.Values[i] is { } v)
                    {
                        segment.Add(new XPoint(left + ((right - left) * (count > 1 ? (double)i / (count - 1) : 0)), bottom - (Math.Min(v, max) / max * plot)));
                        continue;
                    }
                    if (segment.Count > 1)
                    {
                        _graphics.DrawLines(pen, [.. segment]);
                    }
                    else if (segment.Count == 1)
                    {
                        _graphics.DrawLine(pen, segment[0].X - 0.5, segment[0].Y, segment[0].X + 0.5, segment[0].Y);
                    }
                    segment.Clear();
                }
            }

            var labelTop = bottom + 2;
            var middle = chart.Start + ((chart.End - chart.Start) / 2);
            _graphics.DrawString(_words.DateTime(chart.Start), Small, XBrushes.Black, new XRect(left, labelTop, 120, 10), XStringFormats.TopLeft);
            _graphics.DrawString(_words.DateTime(middle), Small, XBrushes.Black, new XRect(((left + right) / 2) - 60, labelTop, 120, 10), XStringFormats.TopCenter);
            _graphics.DrawString(_words.DateTime(chart.End) + " ART", Small, XBrushes.Black, new XRect(right - 160, labelTop, 160, 10), XStringFormats.TopRight);
            _y = labelTop + 12;
            Text(_words.ChartSummary(chart), Small);
        }

        public void Dispose() => _graphics.Dispose();

        private void Room(double height)
        {
            if (_y + height > _page.Height.Point - Margin)
            {
                _graphics.Dispose();
                NewPage();
            }
        }

        private void NewPage()
        {
            _page = _document.AddPage();
            _page.Size = PdfSharp.PageSize.A4;
            _graphics = XGraphics.FromPdfPage(_page);
            _y = Margin;
        }

        private string Fit(string text, XFont font, double width)
        {
            if (_graphics.MeasureString(text, font).Width <= width)
            {
                return text;
            }
            while (text.Length > 1 && _graphics.MeasureString(text + "…", font).Width > width)
            {
                text = text[..^1];
            }
            return text + "…";
        }

        private IEnumerable<string> Wrap(string text, XFont font, double width)
        {
            var line = "";
            foreach (var word in text.Split(' '))
            {
                var candidate = line.Length == 0 ? word : line + " " + word;
                if (line.Length > 0 && _graphics.MeasureString(candidate, font).Width > width)
                {
                    yield return line;
                    line = word;
                }
                else
                {
                    line = candidate;
                }
            }
            yield return line;
        }
    }
}

/// <summary>DejaVu Sans (regular and bold) from a font directory: PDFsharp 6 finds no system fonts on Linux by itself.</summary>
public sealed class DejaVuFontResolver(string directory) : IFontResolver
{
    public const string Family = "DejaVu Sans";
    private const string Regular = "DejaVuSans";
    private const string BoldFace = "DejaVuSans-Bold";

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        new(bold ? BoldFace : Regular);

    public byte[]? GetFont(string faceName) => File.ReadAllBytes(Path.Combine(directory, faceName + ".ttf"));
}
