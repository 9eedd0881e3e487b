using System.Security.Claims;
using BarberPro.Core.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace BarberPro.Dashboard.Security;

/// <summary>Sign-in and sign-out. Both are form posts with antiforgery; neither changes state on GET.</summary>
public static class AccountEndpoints
{
    /// <summary>One message whatever went wrong, so the page never tells whether an account exists.</summary>
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
        UserManager<DashboardUser> users,
        SignInManager<DashboardUser> signIn,
        SessionStore sessions,
        LoginThrottle throttle,
        SecurityAudit audit,
        IOptions<SecurityOptions> options,
        CancellationToken cancellationToken)
    {
        // A post without any field of the form binds no object: treat it as an empty form (answered 4xx, not 500).
        form ??= new();
        var email = (form.Email ?? "").Trim();
        var password = form.Password ?? "";
        var ip = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var returnUrl = SafeReturnUrl(form.ReturnUrl);

        if (!throttle.TryAcquire(ip, email, out var retryAfter))
        {
            await audit.RecordAsync(AuditKinds.SignInThrottled, null, email, ip, null, cancellationToken);
            http.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return LoginPageResult(returnUrl, "Too many sign-in attempts. Wait a minute and try again.", StatusCodes.Status429TooManyRequests);
        }

        if (email.Length is 0 or > 256 || password.Length is 0 or > PasswordRules.MaximumLength)
        {
            await audit.RecordAsync(AuditKinds.SignInFailed, null, email.Length > 256 ? email[..256] : email, ip, "malformed", cancellationToken);
            return LoginPageResult(returnUrl, FailureMessage, StatusCodes.Status400BadRequest);
        }

        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            // Hash anyway so that a missing account costs as long as a wrong password.
            users.PasswordHasher.HashPassword(new DashboardUser(), password);
            await audit.RecordAsync(AuditKinds.SignInFailed, null, email, ip, "unknown account", cancellationToken);
            return LoginPageResult(returnUrl, FailureMessage, StatusCodes.Status400BadRequest);
        }

        var check = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
        if (!check.Succeeded || user.IsDisabled)
        {
            var reason = user.IsDisabled ? "disabled" : check.IsLockedOut ? "locked out" : "wrong password";
            await audit.RecordAsync(AuditKinds.SignInFailed, null, email, ip, reason, cancellationToken);
            return LoginPageResult(returnUrl, FailureMessage, StatusCodes.Status400BadRequest);
        }

        var lifetime = options.Value.AbsoluteLifetime;
        var sessionId = await sessions.StartAsync(user.Id, lifetime, ip, http.Request.Headers.UserAgent, cancellationToken);
        var principal = await signIn.CreateUserPrincipalAsync(user);
        ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim(SessionValidation.SessionClaim, sessionId.ToString()));
        await http.SignInAsync(IdentityConstants.ApplicationScheme, principal, new AuthenticationProperties
        {
            IsPersistent = false,
            AllowRefresh = true,
        });
        await audit.RecordAsync(AuditKinds.SignIn, email, email, ip, null, cancellationToken);
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

    /// <summary>Only local paths, so the sign-in page cannot be used to send users elsewhere.</summary>
    internal static string SafeReturnUrl(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal)
            && !returnUrl.StartsWith("/\\", StringComparison.Ordinal) && returnUrl.Length <= 2048
            ? returnUrl
            : "/";

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
