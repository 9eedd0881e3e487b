using System.Security.Claims;
using Microsoft.AspNetCore.Localization;

namespace BarberPro.Dashboard.Localization;

/// <summary>
/// The first source of a request's culture: the signed-in user's stored choice (<see cref="UserLanguages"/>). The
/// language cookie, then the browser's Accept-Language, come after it (<see cref="LocalizationExtensions"/>).
/// </summary>
public sealed class UserLanguageCultureProvider : RequestCultureProvider
{
    public override async Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (httpContext.User.FindFirstValue(ClaimTypes.NameIdentifier) is not { Length: > 0 } userId
            || httpContext.RequestServices.GetService<UserLanguages>() is not { } languages)
        {
            return null;
        }
        return await languages.GetAsync(userId, httpContext.RequestAborted) is { } language
            ? new ProviderCultureResult(language)
            : null;
    }
}

/// <summary>
/// The browser's Accept-Language mapped onto the two languages: any Spanish ("es-ES", "es") is Spanish of Argentina,
/// any English is English, in the browser's order of preference. (ASP.NET Core's own provider only falls back to a
/// parent culture, so "es-ES" would find neither es-AR nor en.)
/// </summary>
public sealed class BrowserLanguageCultureProvider : RequestCultureProvider
{
    public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var accepted = httpContext.Request.GetTypedHeaders().AcceptLanguage;
        var language = accepted
            .Where(value => value.Quality is not 0)
            .OrderByDescending(value => value.Quality ?? 1)
            .Select(value => Languages.Normalize(value.Value.Value))
            .FirstOrDefault(value => value is not null);
        return Task.FromResult(language is null ? null : new ProviderCultureResult(language));
    }
}
