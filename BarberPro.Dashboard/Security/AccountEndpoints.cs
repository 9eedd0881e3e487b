using System.Security.Claims;
using BarberPro.Core.Security;
using BarberPro.Dashboard.Localization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace BarberPro.Dashboard.Security;

/// <summary>Sign-in and sign-out. Both are form posts with antiforgery; neither changes state on GET.</summary>
public static class AccountEndpoints
{
    /// <summary>One message whatever went wrong, so the page never tells whether an account exists (English; the page
    /// says it in the request's language, <c>Security_SignInFailed</c>).</summary>
    public const string FailureMessage =
        "The e-mail or password is not right. After repeated failures an account is locked for a while.";

    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var account = endpoints.MapGroup("/account");
        account.MapGet("/login", (string? returnUrl) => LoginPageResult(returnUrl, null, StatusCodes.Status200OK))
            .AllowAnonymous().WithName("LoginPage");
        account.MapPost("/login", SignInAsync).AllowAnonymous().WithName("SignIn");
        account.MapPost("/logout", SignOutAsync).RequireAuthorization().WithName("SignOut");
        return endpoints;
    }

    internal static async Task<IResult> SignInAsync(
        [FromForm] LoginForm? form,
        HttpContext http,
        SignInManager<DashboardUser> signIn,
        SignInRule rule,
        SessionStore sessions,
        SecurityAudit audit,
        IOptions<SecurityOptions> options,
        IStringLocalizer<Strings> strings,
        CancellationToken cancellationToken)
    {
        // A post that carries only its token binds no form at all.
        form ??= new LoginForm();
        var ip = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var returnUrl = SafeReturnUrl(form.ReturnUrl);

        var outcome = await rule.CheckAsync(form.Email, form.Password, ip, cancellationToken);
        switch (outcome.Kind)
        {
            case SignInOutcomeKind.Throttled:
                http.Response.Headers.RetryAfter = ((int)Math.Ceiling(outcome.RetryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                return LoginPageResult(returnUrl, strings["Security_Throttled"], StatusCodes.Status429TooManyRequests);
            case SignInOutcomeKind.Malformed or SignInOutcomeKind.Failed:
                return LoginPageResult(returnUrl, strings["Security_SignInFailed"], StatusCodes.Status400BadRequest);
        }

        var user = outcome.User!;
        var (sessionId, expiresAt) = await sessions.StartAsync(user.Id, options.Value.AbsoluteLifetime, ip, http.Request.Headers.UserAgent, cancellationToken);
        var principal = await signIn.CreateUserPrincipalAsync(user);
        ((ClaimsIdentity)principal.Identity!).AddClaims([
            new Claim(SessionValidation.SessionClaim, sessionId.ToString()),
            new Claim(SessionValidation.SessionExpiresClaim,
                expiresAt.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ]);
        await http.SignInAsync(IdentityConstants.ApplicationScheme, principal, new AuthenticationProperties
        {
            IsPersistent = false,
            AllowRefresh = true,
        });
        await audit.RecordAsync(AuditKinds.SignIn, user.Email, user.Email, ip, null, cancellationToken);
        return TypedResults.LocalRedirect(returnUrl);
    }

    internal static async Task<IResult> SignOutAsync(HttpContext http, SessionStore sessions, SecurityAudit audit,
        CancellationToken cancellationToken)
    {
        if (Guid.TryParse(http.User.FindFirstValue(SessionValidation.SessionClaim), out var sessionId))
        {
            await sessions.EndAsync(sessionId, "logout", cancellationToken);
        }
        await http.SignOutAsync(IdentityConstants.ApplicationScheme);
        await audit.RecordAsync(AuditKinds.SignOut, http.User.Identity?.Name, http.User.Identity?.Name,
            http.Connection.RemoteIpAddress?.ToString(), null, cancellationToken);
        return TypedResults.LocalRedirect("/account/login");
    }

    /// <summary>
    /// Only local paths, so the sign-in page cannot be used to send users elsewhere; anything else (including a crafted
    /// one such as <c>/%09/evil.example</c>) becomes the overview, and the sign-in still succeeds.
    /// </summary>
    internal static string SafeReturnUrl(string? returnUrl) => IsLocalUrl(returnUrl) ? returnUrl! : "/";

    /// <summary>
    /// A path on this site that can go into a Location header as it is: starts with one '/', not "//" or "/\\" (which
    /// browsers read as another host), printable ASCII only (a tab, CR or LF made the redirect throw after the work was
    /// done), at most 2,048 characters.
    /// </summary>
    internal static bool IsLocalUrl(string? url) =>
        !string.IsNullOrEmpty(url) && url.Length <= 2048 && url[0] == '/'
        && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
        && url.All(c => c is >= '!' and <= '~');

    private static RazorComponentResult<LoginPage> LoginPageResult(string? returnUrl, string? error, int status) =>
        new(new Dictionary<string, object?>
        {
            [nameof(LoginPage.ReturnUrl)] = SafeReturnUrl(returnUrl),
            [nameof(LoginPage.Error)] = error,
        })
        { StatusCode = status };
}

public sealed class LoginForm
{
    public string? Email { get; set; }

    public string? Password { get; set; }

    public string? ReturnUrl { get; set; }
}
