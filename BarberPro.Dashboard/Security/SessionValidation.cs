using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using BarberPro.Core.Persistence;
using BarberPro.Dashboard.Localization;
using BarberPro.Dashboard.Persistence;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Localization;

namespace BarberPro.Dashboard.Security;

/// <summary>
/// Checks every cookie against <see cref="SessionStore"/>: an ended session is refused, and a role change made by an
/// Admin reaches the user's next request (the cookie is re-issued with the new roles).
/// </summary>
/// <remarks>
/// When the session check itself cannot run (the database does not answer), the rule is: <b>open for reading, closed
/// for writing, never revoked</b>. A read (GET, HEAD) goes on with the cookie's own roles: the live panels are served
/// from the in-memory snapshot and a page that needs the database says "database unavailable" itself, and a user who
/// was signed in a moment ago is the same user now; refusing would turn every screen of the operations team into a
/// blank error exactly when they need it. Anything else (a POST) is refused by
/// <see cref="SessionOutageGuard"/> with "not saved — try again": a change must not be made on a check that could not
/// run (the session may have ended meanwhile), and it could not be stored anyway. The cookie is kept either way: an
/// outage is not a sign-out.
/// </remarks>
internal static class SessionValidation
{
    public const string SessionClaim = "barberpro:sid";

    /// <summary>The session's absolute end (Unix milliseconds), so a circuit can schedule it without asking the database.</summary>
    public const string SessionExpiresClaim = "barberpro:sexp";

    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var store = context.HttpContext.RequestServices.GetRequiredService<SessionStore>();
        var outage = context.HttpContext.RequestServices.GetRequiredService<DatabaseOutage>();
        var principal = context.Principal;
        var sid = principal?.FindFirstValue(SessionClaim);
        SessionState? state = null;
        if (Guid.TryParse(sid, out var sessionId))
        {
            try
            {
                state = await store.CheckAsync(sessionId, context.HttpContext.RequestAborted);
                outage.Answered();
            }
            catch (Exception ex) when (DurableTransaction.IsUnavailable(ex) && principal is not null)
            {
                SessionOutageGuard.MarkUnchecked(context.HttpContext);
                if (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
                {
                    outage.ServedWithoutCheck("session check", ex);
                }
                return;
            }
        }
        if (state is null || principal is null
            || state.UserId != principal.FindFirstValue(ClaimTypes.NameIdentifier))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }

        // A use of the session, for the users page's "last active" (stored at most once a minute, off the request's path).
        context.HttpContext.RequestServices.GetService<Admin.SessionLastSeen>()?.Touch(sessionId);

        var current = principal.FindAll(ClaimTypes.Role).Select(c => c.Value).Order(StringComparer.Ordinal);
        if (!current.SequenceEqual(state.Roles.Order(StringComparer.Ordinal), StringComparer.Ordinal))
        {
            context.ReplacePrincipal(state.WithCurrentRoles(principal));
            context.ShouldRenew = true;
        }
    }
}

/// <summary>
/// The closed half of the outage rule of <see cref="SessionValidation"/>: a request whose session could not be checked
/// may read, but a change (any method but GET and HEAD) is answered 503 "not saved — try again" before it reaches its
/// endpoint. Runs right after authentication.
/// </summary>
internal static class SessionOutageGuard
{
    /// <summary>English (circuits and hubs say it; the static page and the plain answer say <c>Security_NotSaved</c> in the
    /// request's language).</summary>
    public const string NotSavedMessage = "The database did not answer: your change was NOT saved. Try again in a moment.";

    private static readonly object s_uncheckedKey = new();

    // Static text, no layout: rendering anything that needs the database would fail the same way. Back in the browser
    // returns to the form with what was typed still in it. In the language of the cookie or the browser: the user's
    // stored choice is in the database that did not answer (this runs before the request's localization).
    private static string NotSavedPage(IStringLocalizer<Strings> strings, string language) => $"""
        <!DOCTYPE html>
        <html lang="{language}"><head><meta charset="utf-8" /><meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <title>{Encode(strings["Security_NotSavedTitle"])} · BarberPro Ops</title><link rel="stylesheet" href="/_content/MudBlazor/MudBlazor.min.css" />
        {StaticPageTheme.Stylesheets}</head>
        <body class="bp-static"><main class="bp-static-main"><div class="mud-paper mud-elevation-2 bp-static-card">
        <h1 class="mud-typography mud-typography-h5">{Encode(strings["Security_NotSavedTitle"])}</h1>
        <p class="bp-message mud-typography mud-typography-body1" role="alert" data-testid="not-saved"><span aria-hidden="true">▲</span> {Encode(strings["Security_NotSaved"])}</p>
        <p class="mud-typography mud-typography-body1">{Encode(strings["Security_NotSavedBack"])}</p>
        </div></main></body></html>
        """;

    private static string Encode(string text) => HtmlEncoder.Default.Encode(text);

    /// <summary>The language of a request whose user's stored choice cannot be read: the language cookie, then Accept-Language.</summary>
    internal static async Task<string> LanguageWithoutDatabaseAsync(HttpContext http)
    {
        RequestCultureProvider[] providers = [new CookieRequestCultureProvider(), new BrowserLanguageCultureProvider()];
        foreach (var provider in providers)
        {
            if (await provider.DetermineProviderCultureResult(http) is { } result
                && result.UICultures.Select(c => Languages.Normalize(c.Value)).FirstOrDefault(c => c is not null) is { } language)
            {
                return language;
            }
        }
        return Languages.Default;
    }

    public static void MarkUnchecked(HttpContext http) => http.Items[s_uncheckedKey] = true;

    public static bool IsUnchecked(HttpContext http) => http.Items.ContainsKey(s_uncheckedKey);

    public static IApplicationBuilder UseSessionOutageGuard(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (IsUnchecked(http) && !HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method))
        {
            http.RequestServices.GetRequiredService<DatabaseOutage>().Refused(
                $"{http.Request.Method} {http.Request.Path}", new TimeoutException("session check could not run"));
            var language = await LanguageWithoutDatabaseAsync(http);
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(language);
            var strings = http.RequestServices.GetRequiredService<IStringLocalizer<Strings>>();
            http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            http.Response.Headers.RetryAfter = "5";
            if (http.Request.Path.StartsWithSegments("/api") || http.Request.Path.StartsWithSegments("/hubs"))
            {
                http.Response.ContentType = "text/plain; charset=utf-8";
                await http.Response.WriteAsync(strings["Security_NotSaved"], http.RequestAborted);
            }
            else
            {
                http.Response.ContentType = "text/html; charset=utf-8";
                await http.Response.WriteAsync(NotSavedPage(strings, language), http.RequestAborted);
            }
            return;
        }
        await next(http);
    });
}
