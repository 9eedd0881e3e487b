using System.Globalization;

namespace BarberPro.Core.Costs;

/// <summary>
/// Reads a number as people type it in Argentina or in the US: "2300.50", "2,300.50", "2.300,50", "2300,50", "12,5".
/// The rule, the same for every field: when both a point and a comma are present, the last one is the decimal
/// separator and the other groups thousands (in groups of three); when only one kind is present and it appears more
/// than once, it groups thousands ("1.234.567"); when it appears once, it is the decimal separator — except when
/// exactly three digits follow it after a non-zero whole part ("2.300", "2,300"), which both cultures write for two
/// thousand three hundred. That last case is the only one a culture changes: with a culture whose decimal separator it
/// is (the language item of issue 10 passes the user's), "2,300" reads as 2.3 in es-AR.
/// </summary>
public static class NumberInput
{
    public static bool TryParseDecimal(string? text, out decimal value, CultureInfo? culture = null)
    {
        value = 0;
        var s = text?.Trim().Replace(" ", "", StringComparison.Ordinal).Replace("\u00A0", "", StringComparison.Ordinal);
        if (string.IsNullOrEmpty(s))
        {
            return false;
        }
        var negative = s[0] == '-';
        if (negative || s[0] == '+')
        {
            s = s[1..];
        }
        if (s.Length == 0 || s.Any(c => !(char.IsAsciiDigit(c) || c is '.' or ',')))
        {
            return false;
        }
        var lastPoint = s.LastIndexOf('.');
        var lastComma = s.LastIndexOf(',');
        char? decimalSeparator;
        if (lastPoint >= 0 && lastComma >= 0)
        {
            decimalSeparator = lastPoint > lastComma ? '.' : ',';
        }
        else if (lastPoint < 0 && lastComma < 0)
        {
            decimalSeparator = null;
        }
        else
        {
            var separator = lastPoint >= 0 ? '.' : ',';
            var first = s.IndexOf(separator, StringComparison.Ordinal);
            var last = Math.Max(lastPoint, lastComma);
            var digitsAfter = s.Length - last - 1;
            var wholePart = s[..first];
            if (first != last)
            {
                decimalSeparator = null; // "1.234.567": grouping only
            }
            else if (digitsAfter == 3 && wholePart.TrimStart('0').Length > 0
                && culture?.NumberFormat.NumberDecimalSeparator != separator.ToString())
            {
                decimalSeparator = null; // "2.300" / "2,300": thousands in both ways of writing
            }
            else
            {
                decimalSeparator = separator;
            }
        }
        var decimalAt = decimalSeparator is { } d ? s.LastIndexOf(d) : -1;
        var whole = decimalAt >= 0 ? s[..decimalAt] : s;
        var fraction = decimalAt >= 0 ? s[(decimalAt + 1)..] : "";
        if (fraction.Length == 0 && decimalAt >= 0 || fraction.Any(c => !char.IsAsciiDigit(c)))
        {
            return false;
        }
        var groupSeparator = decimalSeparator == '.' ? ',' : decimalSeparator == ',' ? '.' : whole.FirstOrDefault(c => c is '.' or ',');
        if (groupSeparator != default && whole.Contains(groupSeparator, StringComparison.Ordinal))
        {
            var groups = whole.Split(groupSeparator);
            if (groups[0].Length is 0 or > 3 || groups.Skip(1).Any(g => g.Length != 3) || groups.Any(g => g.Any(c => !char.IsAsciiDigit(c))))
            {
                return false;
            }
            whole = string.Concat(groups);
        }
        if (whole.Length == 0 || whole.Any(c => !char.IsAsciiDigit(c)))
        {
            return false;
        }
        if (!decimal.TryParse(fraction.Length == 0 ? whole : whole + "." + fraction, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value))
        {
            return false;
        }
        value = negative ? -value : value;
        return true;
    }
}
