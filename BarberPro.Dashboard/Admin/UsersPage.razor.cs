using System.Security.Claims;
using System.Globalization;
using BarberPro.Core.Persistence;
using BarberPro.Core.Security;
using BarberPro.Core.Time;
using BarberPro.Dashboard.Localization;
using BarberPro.Dashboard.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Localization;

namespace BarberPro.Dashboard.Admin;

/// <summary>
/// Admin → Users (<c>/admin/users</c>, Admin only): every user in a grid with role, state and last sign-in; one user
/// managed at a time (role, disable/enable, unlock, new password, and each open session with "End session"); a form to
/// add a user. Every write re-checks the Admin rule on the server first (<see cref="CircuitAccess"/>) and goes through
/// <see cref="UserAdministration"/>. A refused or failed write says so beside its control and keeps what was typed.
/// </summary>
public sealed partial class UsersPage : ComponentBase, IDisposable
{
    internal const string CreateKey = "create";
    internal const string RoleKey = "role";
    internal const string StandingKey = "standing";
    internal const string PasswordKey = "password";

    private readonly CancellationTokenSource _disposed = new();
    private readonly Dictionary<string, (string Text, bool Ok)> _messages = new(StringComparer.Ordinal);
    private IReadOnlyList<UserRow> _rows = [];
    private bool _allowed;
    private bool _busy;
    private string? _loadError;
    private string? _selectedId;
    private string _roleChoice = "";
    private string _newPassword = "";
    private string _newEmail = "";
    private string _newName = "";
    private string _newRole = Roles.Viewer;
    private string _newUserPassword = "";
    private UserActor _actor = new(null, null);
    private Guid? _ownSession;

    [Inject] private UserAdministration Users { get; set; } = default!;
    [Inject] private CircuitAccess Access { get; set; } = default!;
    [Inject] private AuthenticationStateProvider Authentication { get; set; } = default!;

    private UserRow? Selected => _rows.FirstOrDefault(r => r.Id == _selectedId);

    /// <summary>The culture the page's times are written in (the user's language).</summary>
    private static CultureInfo C => Languages.Current;

    protected override async Task OnInitializedAsync()
    {
        // The route already demands an Admin; the page checks again so that nothing of the users is read for anyone else.
        _allowed = await Access.IsAllowedAsync(Policies.Administer, _disposed.Token);
        if (!_allowed)
        {
            return;
        }
        var user = (await Authentication.GetAuthenticationStateAsync()).User;
        _actor = new UserActor(user.FindFirstValue(ClaimTypes.NameIdentifier), user.Identity?.Name);
        _ownSession = Guid.TryParse(user.FindFirstValue(SessionValidation.SessionClaim), out var sid) ? sid : null;
        await LoadAsync();
    }

    internal void Select(string userId)
    {
        _selectedId = userId;
        _roleChoice = Selected?.Role ?? "";
        _newPassword = "";
        _messages.Remove(RoleKey);
        _messages.Remove(StandingKey);
        _messages.Remove(PasswordKey);
    }

    internal Task CreateAsync() => WriteAsync(CreateKey,
        () => Users.CreateAsync(_actor, _newEmail, _newName, _newRole, _newUserPassword, _disposed.Token),
        () => (_newEmail, _newName, _newRole, _newUserPassword) = ("", "", Roles.Viewer, ""));

    internal Task SetRoleAsync() => Selected is { } user
        ? WriteAsync(RoleKey, () => Users.SetRoleAsync(_actor, user.Id, _roleChoice, _disposed.Token))
        : Task.CompletedTask;

    internal Task SetDisabledAsync(bool disabled) => Selected is { } user
        ? WriteAsync(StandingKey, () => Users.SetDisabledAsync(_actor, user.Id, disabled, _disposed.Token))
        : Task.CompletedTask;

    internal Task UnlockAsync() => Selected is { } user
        ? WriteAsync(StandingKey, () => Users.UnlockAsync(_actor, user.Id, _disposed.Token))
        : Task.CompletedTask;

    internal Task ResetPasswordAsync() => Selected is { } user
        ? WriteAsync(PasswordKey, () => Users.ResetPasswordAsync(_actor, user.Id, _newPassword, _disposed.Token), () => _newPassword = "")
        : Task.CompletedTask;

    internal Task EndSessionAsync(Guid sessionId) => Selected is { } user
        ? WriteAsync(SessionKey(sessionId), () => Users.EndSessionAsync(_actor, user.Id, sessionId, _disposed.Token))
        : Task.CompletedTask;

    /// <summary>What was said about sessions no longer listed (an ended session's row goes; its message stays).</summary>
    private IEnumerable<(string Text, bool Ok)> EndedSessionMessages(UserRow user) =>
        _messages.Where(m => m.Key.StartsWith("session:", StringComparison.Ordinal) && !user.Sessions.Any(s => SessionKey(s.Id) == m.Key))
            .Select(m => m.Value);

    internal static string SessionKey(Guid sessionId) => "session:" + sessionId.ToString("N");

    /// <summary>"Chrome on Windows" from a browser's user agent, in the reader's language (English without
    /// <paramref name="words"/>); the whole string stays in the tooltip. Browser and system names stay as they are.</summary>
    internal static string DeviceText(string? userAgent, IStringLocalizer? words = null)
    {
        if (string.IsNullOrWhiteSpace(userAgent))
        {
            return words?["Admin_UnknownBrowser"] ?? "Unknown browser";
        }
        var browser = userAgent switch
        {
            _ when userAgent.Contains("Edg/", StringComparison.Ordinal) => "Edge",
            _ when userAgent.Contains("Firefox/", StringComparison.Ordinal) => "Firefox",
            _ when userAgent.Contains("HeadlessChrome/", StringComparison.Ordinal) => "Chrome (headless)",
            _ when userAgent.Contains("Chrome/", StringComparison.Ordinal) || userAgent.Contains("Chromium/", StringComparison.Ordinal) => "Chrome",
            _ when userAgent.Contains("Safari/", StringComparison.Ordinal) => "Safari",
            _ => null,
        };
        var system = userAgent switch
        {
            _ when userAgent.Contains("Android", StringComparison.Ordinal) => "Android",
            _ when userAgent.Contains("iPhone", StringComparison.Ordinal) || userAgent.Contains("iPad", StringComparison.Ordinal) => "iPhone/iPad",
            _ when userAgent.Contains("Windows", StringComparison.Ordinal) => "Windows",
            _ when userAgent.Contains("Mac OS", StringComparison.Ordinal) => "Mac",
            _ when userAgent.Contains("Linux", StringComparison.Ordinal) => "Linux",
            _ => null,
        };
        return (browser, system) switch
        {
            (null, null) => words?["Admin_OtherProgram"] ?? "Other program",
            (null, { } s) => words?["Admin_BrowserOn", s] ?? $"A browser on {s}",
            ({ } b, null) => b,
            ({ } b, { } s) => words?["Admin_DeviceOn", b, s] ?? $"{b} on {s}",
        };
    }

    private string Device(string? userAgent) => DeviceText(userAgent, L);

    private (string Icon, string Word, string Class) StandingText(UserRow user) => user.Standing switch
    {
        UserStanding.Disabled => ("✖", L["Admin_Disabled"], "standing-disabled"),
        UserStanding.LockedOut => ("▲", L["Admin_LockedUntil", ArgentinaTime.FormatDateTime(user.LockedUntil!.Value, C)], "standing-locked"),
        _ => ("✔", L["Admin_Enabled"], "standing-enabled"),
    };

    /// <summary>When the session was last used (stored at most once a minute): a time in ART, or that none is recorded.</summary>
    private string LastSeenText(OpenSession session) => session.LastSeen is { } at
        ? L["Admin_LastActive", ArgentinaTime.FormatDateTime(at, C)]
        : L["Admin_LastActiveUnknown"];

    /// <summary>Why the last write of this circuit was refused, in the reader's language.</summary>
    private string Refusal() => Access.RefusalMessage switch
    {
        CircuitAccess.DeniedMessage => L["Admin_Denied"],
        SessionOutageGuard.NotSavedMessage => L["Admin_NotSaved"],
        _ => L["Admin_SessionOver"],
    };

    /// <summary>What a change came to, in the reader's language (<see cref="UserChangeResult.Message"/> is the English).</summary>
    private string Say(UserChangeResult result) => result.Outcome switch
    {
        UserChangeOutcome.Done => result.Kind switch
        {
            UserChangeKind.Created => L["Admin_DoneCreated", result.Name ?? "", result.Role ?? ""],
            UserChangeKind.RoleSet => L["Admin_DoneRole", result.Name ?? "", result.Role ?? ""],
            UserChangeKind.Disabled => L["Admin_DoneDisabled", result.Name ?? ""],
            UserChangeKind.Enabled => L["Admin_DoneEnabled", result.Name ?? ""],
            UserChangeKind.PasswordReset => L["Admin_DonePassword", result.Name ?? ""],
            UserChangeKind.Unlocked => L["Admin_DoneUnlocked", result.Name ?? ""],
            UserChangeKind.SessionEnded => L["Admin_DoneSessionEnded", result.Name ?? ""],
            _ => result.Message,
        },
        UserChangeOutcome.Invalid => L["Admin_Invalid"],
        UserChangeOutcome.Exists => L["Admin_Exists"],
        UserChangeOutcome.WeakPassword => L["Admin_Weak", PasswordRules.MinimumLength],
        UserChangeOutcome.CommonPassword => L["Admin_Common"],
        UserChangeOutcome.Self => L["Admin_Self"],
        UserChangeOutcome.NotFound => result.Kind == UserChangeKind.SessionEnded ? L["Admin_SessionAlreadyEnded"] : L["Admin_NotFound"],
        _ => L["Admin_NotSaved"],
    };

    private (string Text, bool Ok)? MessageOf(string key) => _messages.TryGetValue(key, out var message) ? message : null;

    private async Task WriteAsync(string key, Func<Task<UserChangeResult>> change, Action? onDone = null)
    {
        _busy = true;
        try
        {
            if (!await Access.IsAllowedAsync(Policies.Administer, _disposed.Token))
            {
                _messages[key] = (Refusal(), false);
                return;
            }
            var result = await change();
            _messages[key] = (Say(result), result.Done);
            if (result.Done)
            {
                onDone?.Invoke();
            }
            if (result.Outcome != UserChangeOutcome.NotSaved)
            {
                await LoadAsync();
            }
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task LoadAsync()
    {
        try
        {
            _rows = await Users.ListAsync(_disposed.Token);
            _loadError = null;
        }
        catch (Exception ex) when (DurableTransaction.IsUnavailable(ex))
        {
            _loadError = L["Admin_LoadError"];
        }
    }

    public void Dispose()
    {
        _disposed.Cancel();
        _disposed.Dispose();
        GC.SuppressFinalize(this);
    }
}
