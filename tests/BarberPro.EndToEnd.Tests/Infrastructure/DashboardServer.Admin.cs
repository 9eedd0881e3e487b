using System.Net;
using Npgsql;

namespace BarberPro.EndToEnd.Tests.Infrastructure;

/// <summary>What an Admin does to another user, through the Users page's real form posts (each answered after its commit).</summary>
public sealed partial class DashboardServer
{
    /// <summary>Changes <paramref name="email"/>'s role to <paramref name="role"/> as the first Admin would.</summary>
    public Task ChangeRoleAsAdminAsync(string email, string role) =>
        AdminPostAsync(email, "role", new Dictionary<string, string> { ["Role"] = role }, "role-set");

    /// <summary>Disables <paramref name="email"/> as the first Admin would: every session of theirs ends.</summary>
    public Task DisableAsAdminAsync(string email) => AdminPostAsync(email, "disable", [], "disabled");

    /// <summary>Sets a new password for <paramref name="email"/> as the first Admin would: every session of theirs ends.</summary>
    public Task ResetPasswordAsAdminAsync(string email, string password) =>
        AdminPostAsync(email, "password", new Dictionary<string, string> { ["Password"] = password }, "password-reset");

    private async Task AdminPostAsync(string email, string action, Dictionary<string, string> fields, string expected)
    {
        var id = await UserIdAsync(email);
        using var admin = await SignedInHttpClientAsync(AdminEmail, AdminPassword);
        fields["__RequestVerificationToken"] = await TokenAsync(admin, "/admin/users");
        var response = await admin.PostAsync($"/admin/users/{id}/{action}", new FormUrlEncodedContent(fields));
        if (response.StatusCode != HttpStatusCode.Redirect
            || response.Headers.Location?.OriginalString != $"/admin/users?result={expected}")
        {
            throw new InvalidOperationException($"Admin {action} of {email} failed: {(int)response.StatusCode} {response.Headers.Location}");
        }
    }

    private async Task<string> UserIdAsync(string email)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""SELECT "Id" FROM dashboard.users WHERE "Email" = $1""", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = email });
        return await command.ExecuteScalarAsync() as string ?? throw new InvalidOperationException($"No user {email}.");
    }
}
