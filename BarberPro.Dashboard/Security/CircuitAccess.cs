using BarberPro.Core.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;

namespace BarberPro.Dashboard.Security;

/// <summary>
/// The server-side rule check of a component action. Hiding a button from a Viewer is not a rule: a circuit's events
/// are messages anyone can send by hand over the socket, for any handler the page has rendered. So every handler that
/// changes something starts with
/// <code>
/// [Inject] private CircuitAccess Access { get; set; } = default!;
///
/// private async Task TickAsync()
/// {
///     if (!await Access.IsAllowedAsync(Policies.Tick)) { Snackbar.Add(Access.RefusalMessage, Severity.Warning); return; }
///     // ... or: await Access.DemandAsync(Policies.Tick); (throws CircuitAccessDeniedException)
/// }
/// </code>
/// It re-reads the session and the user's current roles from the database first (one query; the circuit's state is
/// updated as a side effect, so a demoted user's page loses the controls as well), then evaluates the named policy
/// (<see cref="Policies"/>) against them. When the database does not answer, only <see cref="Policies.View"/> is
/// allowed (with the roles last known): a change must not be made on a check that could not run — the rule of
/// <see cref="SessionValidation"/>. Every refusal is logged and audited. Scoped (one per circuit).
/// </summary>
public sealed partial class CircuitAccess(
    AuthenticationStateProvider authentication,
    IAuthorizationService authorization,
    SecurityAudit audit,
    ILogger<CircuitAccess> logger)
{
    public const string DeniedMessage = "Your role does not allow this action.";

    /// <summary>What to tell the user after the last refusal of this circuit.</summary>
    public string RefusalMessage { get; private set; } = DeniedMessage;

    /// <summary>Whether the circuit's user may act under <paramref name="policy"/> now (a <see cref="Policies"/> name).</summary>
    public async Task<bool> IsAllowedAsync(string policy, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(policy);
        var checkedNow = authentication is not CircuitAuthenticationStateProvider circuit
            || await circuit.RevalidateAsync("component action", cancellationToken);
        var user = (await authentication.GetAuthenticationStateAsync()).User;
        if (!checkedNow && policy != Policies.View)
        {
            RefusalMessage = SessionOutageGuard.NotSavedMessage;
            LogUnchecked(user.Identity?.Name, policy);
            return false;
        }
        if ((await authorization.AuthorizeAsync(user, policy)).Succeeded)
        {
            return true;
        }
        RefusalMessage = user.Identity?.IsAuthenticated == true ? DeniedMessage : "Your session has ended. Sign in again.";
        LogDenied(user.Identity?.Name, policy);
        await audit.RecordAsync(AuditKinds.Denied, user.Identity?.Name, $"component action ({policy})", null, null, cancellationToken);
        return false;
    }

    /// <summary>As <see cref="IsAllowedAsync"/>, throwing <see cref="CircuitAccessDeniedException"/> when refused.</summary>
    public async Task DemandAsync(string policy, CancellationToken cancellationToken = default)
    {
        if (!await IsAllowedAsync(policy, cancellationToken))
        {
            throw new CircuitAccessDeniedException(policy, RefusalMessage);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Component action of {User} refused: policy {Policy} not met")]
    private partial void LogDenied(string? user, string policy);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Component action of {User} under policy {Policy} refused: the session could not be checked")]
    private partial void LogUnchecked(string? user, string policy);
}

/// <summary>A component action refused by <see cref="CircuitAccess.DemandAsync"/>; the message is for the user.</summary>
public sealed class CircuitAccessDeniedException(string policy, string message) : Exception(message)
{
    public string Policy { get; } = policy;
}
