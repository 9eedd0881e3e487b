using BarberPro.Core.Security;
using BarberPro.Dashboard.Hosting;
using Microsoft.AspNetCore.Identity;

namespace BarberPro.Dashboard.Security;

/// <summary>
/// <c>BarberPro.Dashboard unlock &lt;email&gt;</c>: lifts every sign-in lock of an account, from every client, without a
/// signed-in Admin (the way back in when the only Admin is the one locked out). Run it where the dashboard runs, with the
/// same configuration (appsettings.json, environment): in Kubernetes, <c>kubectl exec deploy/barberpro-dashboard --
/// dotnet BarberPro.Dashboard.dll unlock admin@example.com</c>. It is audited like any other change.
/// </summary>
public static class UnlockCommand
{
    public const string Verb = "unlock";
    public const string UnlockedKind = AuditKinds.Unlocked;

    public static bool IsInvoked(string[] args) => args is [Verb, ..];

    public static async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length < 2 || string.IsNullOrWhiteSpace(args[1]))
        {
            await Console.Error.WriteLineAsync("usage: BarberPro.Dashboard unlock <email> [--Section:Key=value ...]");
            return 2;
        }
        var builder = WebApplication.CreateBuilder(args[2..]);
        builder.AddBarberProDashboard();
        await using var app = builder.Build();
        if (!app.ValidateConfiguration())
        {
            return 1;
        }
        return await UnlockAsync(app.Services, args[1], Console.Out, CancellationToken.None) ? 0 : 1;
    }

    /// <summary>True when the account exists (its locks, if any, are gone); false and a message when it does not.</summary>
    public static async Task<bool> UnlockAsync(IServiceProvider services, string email, TextWriter output,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(output);
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<DashboardUser>>();
        var user = await users.FindByEmailAsync(email.Trim());
        if (user is null)
        {
            await output.WriteLineAsync($"No account has the e-mail {email.Trim()}; nothing was changed.");
            return false;
        }
        var lifted = await scope.ServiceProvider.GetRequiredService<SignInLockouts>()
            .ClearAccountAsync(SignInLockouts.AccountKey(user.Id), cancellationToken);
        await scope.ServiceProvider.GetRequiredService<SecurityAudit>()
            .RecordAsync(UnlockedKind, "command line", user.Email, null, $"{lifted} client lock(s) lifted", cancellationToken);
        await output.WriteLineAsync($"{user.Email}: {lifted} client lock(s) lifted; the account can sign in from anywhere.");
        return true;
    }
}
