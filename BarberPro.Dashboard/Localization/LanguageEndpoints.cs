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

    /// <summary>
    /// The query flag that carries "not stored for the user" through the redirect to the page, where the user menu
    /// says it beside the language choice (<see cref="IsNotSavedFlagged"/>). In the address, not a cookie, so that it is
    /// read the same in the prerender and in the circuit, and is gone with the next page.
    /// </summary>
    public const string NotSavedFlag = "language-not-saved";

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
        // A flag left from an earlier failed choice goes; it comes back only if this one is not stored either.
        var returnUrl = WithoutNotSavedFlag(AccountEndpoints.SafeReturnUrl(form!.ReturnUrl));
        try
        {
            await languages.SetAsync(userId, language, cancellationToken);
        }
        catch (Exception ex) when (DurableTransaction.IsUnavailable(ex) && !cancellationToken.IsCancellationRequested)
        {
            // This browser has the cookie, so the page still turns to the language; other browsers learn it once the
            // choice is made again with the database up. The page it returns to says so beside the language choice.
            Log.LanguageNotSaved(loggers.CreateLogger(typeof(LanguageEndpoints).FullName!), ex);
            returnUrl = WithNotSavedFlag(returnUrl);
        }
        return TypedResults.LocalRedirect(returnUrl);
    }

    internal static string WithNotSavedFlag(string returnUrl)
    {
        var (path, query, hash) = Split(WithoutNotSavedFlag(returnUrl));
        return path + "?" + (query.Length == 0 ? "" : query + "&") + NotSavedFlag + "=1" + hash;
    }

    internal static string WithoutNotSavedFlag(string returnUrl)
    {
        var (path, query, hash) = Split(returnUrl);
        var kept = string.Join("&", query.Split('&', StringSplitOptions.RemoveEmptyEntries).Where(part => part != NotSavedFlag + "=1"));
        return path + (kept.Length == 0 ? "" : "?" + kept) + hash;
    }

    private static (string Path, string Query, string Hash) Split(string url)
    {
        var fragment = url.IndexOf('#', StringComparison.Ordinal);
        var (rest, hash) = fragment < 0 ? (url, "") : (url[..fragment], url[fragment..]);
        var question = rest.IndexOf('?', StringComparison.Ordinal);
        return question < 0 ? (rest, "", hash) : (rest[..question], rest[(question + 1)..], hash);
    }

    /// <summary>Whether a page's address carries <see cref="NotSavedFlag"/>.</summary>
    public static bool IsNotSavedFlagged(string? uri)
    {
        return uri is not null && Split(uri).Query.Split('&').Any(part => part == NotSavedFlag + "=1");
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
