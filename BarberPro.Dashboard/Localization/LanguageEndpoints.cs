using System.Security.Claims;
using BarberPro.Core.Persistence;
using BarberPro.Core.Security;
using BarberPro.Dashboard.Security;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;

namespace BarberPro.Dashboard.Localization;

/// <summary>
/// The language choice of the user menu: a plain form post (with or without a circuit) that stores the choice for the
/// user, sets the language cookie and sends the browser back to the page. A circuit keeps the culture of the request
/// that started it, so the page has to load again in the new language (the pattern of the ASP.NET Core Blazor
/// globalization docs: a cookie, then a reload).
/// </summary>
public static partial class LanguageEndpoints
{
    public const string Path = "/preferences/language";

    /// <summary>A year, as ASP.NET Core's culture cookie samples keep it.</summary>
    public static readonly TimeSpan CookieLifetime = TimeSpan.FromDays(365);

    public static IEndpointRouteBuilder MapLanguageEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(Path, SaveAsync).RequireAuthorization(Policies.View).WithName("SaveLanguage");
        return endpoints;
    }

    internal static async Task<IResult> SaveAsync([FromForm] LanguageForm? form, HttpContext http, UserLanguages languages,
        TimeProvider time, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        if (Languages.Normalize(form?.Language) is not { } language
            || http.User.FindFirstValue(ClaimTypes.NameIdentifier) is not { Length: > 0 } userId)
        {
            return TypedResults.BadRequest("Unknown language.");
        }
        http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(language)),
            new CookieOptions
            {
                Path = "/",
                HttpOnly = true,
                IsEssential = true,
                Secure = http.Request.IsHttps,
                SameSite = SameSiteMode.Lax,
                Expires = time.GetUtcNow() + CookieLifetime,
            });
        try
        {
            await languages.SetAsync(userId, language, cancellationToken);
        }
        catch (Exception ex) when (DurableTransaction.IsUnavailable(ex) && !cancellationToken.IsCancellationRequested)
        {
            // This browser has the cookie, so the page still turns to the language; other browsers learn it once the
            // choice is made again with the database up.
            Log.LanguageNotSaved(loggers.CreateLogger(typeof(LanguageEndpoints).FullName!), ex);
        }
        return TypedResults.LocalRedirect(AccountEndpoints.SafeReturnUrl(form!.ReturnUrl));
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "The user's language choice could not be stored; this browser keeps it in its cookie.")]
        public static partial void LanguageNotSaved(ILogger logger, Exception exception);
    }
}

public sealed class LanguageForm
{
    public string? Language { get; set; }

    public string? ReturnUrl { get; set; }
}
