using System.Security.Claims;
using BarberPro.Core.Security;
using BarberPro.Dashboard.Security;
using Microsoft.AspNetCore.Mvc;

namespace BarberPro.Dashboard.Components.Themes;

/// <summary>
/// The theme choice as a plain form post, for the pages rendered without a circuit (issue 10's static pages): the
/// user menu there is HTML only. Interactive pages save through <see cref="UserPreferencesStore"/> directly.
/// </summary>
public static class ThemeEndpoints
{
    public const string Path = "/preferences/theme";

    public static IEndpointRouteBuilder MapThemeEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(Path, SaveAsync).RequireAuthorization(Policies.View).WithName("SaveTheme");
        return endpoints;
    }

    internal static async Task<IResult> SaveAsync([FromForm] ThemeForm? form, HttpContext http, IUserPreferencesStore store,
        CancellationToken cancellationToken)
    {
        if (form is null || !Enum.TryParse<ThemeChoice>(form.Theme, ignoreCase: true, out var theme) || !Enum.IsDefined(theme)
            || http.User.FindFirstValue(ClaimTypes.NameIdentifier) is not { Length: > 0 } userId)
        {
            return TypedResults.BadRequest("Unknown theme.");
        }
        await store.SetThemeAsync(userId, theme, cancellationToken);
        return TypedResults.LocalRedirect(AccountEndpoints.SafeReturnUrl(form.ReturnUrl));
    }
}

public sealed class ThemeForm
{
    public string? Theme { get; set; }

    public string? ReturnUrl { get; set; }
}
