using System.Collections.Frozen;
using BarberPro.Core.Security;
using Microsoft.AspNetCore.Identity;

namespace BarberPro.Dashboard.Security;

/// <summary>
/// Refuses passwords found in leaked-password lists (OWASP ASVS 6.2.4 and 6.2.12), from the list shipped with the
/// product (<c>Security/common-passwords.txt</c>, 49,000+ entries; its source and licence are in its header): the
/// password itself, case-insensitively, and a listed word padded with digits or symbols ("monkey123456!"). Nothing is
/// sent anywhere. Every path that sets a password goes through Identity's validators: user creation, reset, the first Admin.
/// </summary>
public sealed class CommonPasswordValidator : IPasswordValidator<DashboardUser>
{
    public const string ErrorCode = "PasswordTooCommon";
    public const string Message = "This password is too common; choose another.";

    private static readonly Lazy<FrozenSet<string>> s_list = new(Load);

    public Task<IdentityResult> ValidateAsync(UserManager<DashboardUser> manager, DashboardUser user, string? password) =>
        Task.FromResult(IsCommon(password ?? "")
            ? IdentityResult.Failed(new IdentityError { Code = ErrorCode, Description = Message })
            : IdentityResult.Success);

    public static bool IsCommon(string password)
    {
        var lower = password.Trim().ToLowerInvariant();
        var core = lower.Trim("0123456789!@#$%^&*()_+-=.,;:?¡¿'\"/\\| ".ToCharArray());
        return s_list.Value.Contains(lower) || (core.Length >= 4 && s_list.Value.Contains(core));
    }

    private static FrozenSet<string> Load()
    {
        using var stream = typeof(CommonPasswordValidator).Assembly.GetManifestResourceStream("BarberPro.Dashboard.Security.common-passwords.txt")
            ?? throw new InvalidOperationException("The common-password list is not embedded in the dashboard assembly.");
        using var reader = new StreamReader(stream);
        var words = new List<string>(50_000);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && line[0] != '#')
            {
                words.Add(line);
            }
        }
        return words.ToFrozenSet(StringComparer.Ordinal);
    }
}
