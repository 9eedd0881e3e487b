using System.Collections.Concurrent;
using Microsoft.AspNetCore.Components;

namespace BarberPro.Dashboard.Components.Layout;

/// <summary>
/// A MudBlazor icon (<c>Icons.Material.*</c>, the SVG's inner markup) as the whole <c>&lt;svg&gt;</c> element
/// <see cref="MudBlazor.MudIcon"/> renders, built once for the process and shared: the shell shows a dozen icons on
/// every page, and as markup they cost a circuit one frame each instead of a component with two render trees.
/// Decorative (aria-hidden): the words beside each icon say what it means.
/// </summary>
public static class ShellIcon
{
    private static readonly ConcurrentDictionary<(string Icon, string Class), MarkupString> s_svgs = new();

    /// <summary>The icon's SVG with MudIcon's classes (medium size, or small) and <paramref name="cssClass"/> added.</summary>
    public static MarkupString Svg(string icon, string? cssClass = null, bool small = false)
    {
        ArgumentNullException.ThrowIfNull(icon);
        var classes = $"mud-icon-root mud-svg-icon mud-icon-default {(small ? "mud-icon-size-small" : "mud-icon-size-medium")}"
            + (string.IsNullOrEmpty(cssClass) ? "" : " " + cssClass);
        return s_svgs.GetOrAdd((icon, classes), key => new MarkupString(
            $"<svg class=\"{key.Class}\" focusable=\"false\" viewBox=\"0 0 24 24\" aria-hidden=\"true\" role=\"img\">{key.Icon}</svg>"));
    }
}
