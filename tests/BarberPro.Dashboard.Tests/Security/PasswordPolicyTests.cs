using System.Buffers.Binary;
using System.Net;
using BarberPro.Core.Security;
using BarberPro.Dashboard.Tests.Infrastructure;
using Microsoft.AspNetCore.Cryptography.KeyDerivation;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace BarberPro.Dashboard.Tests.Security;

/// <summary>OWASP ASVS 5: a length floor of 12, long passphrases welcome, no composition rules.</summary>
public sealed class PasswordPolicyTests(DashboardFactory factory) : IClassFixture<DashboardFactory>
{
    [Theory]
    [InlineData(12)]
    [InlineData(64)]
    [InlineData(200)]
    [InlineData(256)]
    public async Task Passwords_OfTwelveCharactersOrMore_WithoutCompositionRules_AreAccepted(int length)
    {
        var email = $"len{length}@test.local";
        var password = new string('a', length - 11) + " horse staple";
        using var admin = await factory.SignInAsync(DashboardFactory.AdminEmail, factory.AdminPassword);
        var token = await DashboardFactory.GetAntiforgeryTokenAsync(admin.Http, "/admin/users");
        var created = await admin.Http.PostAsync("/admin/users/new", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Email"] = email, ["Role"] = Roles.Viewer, ["Password"] = password[..length],
        }));
        Assert.Equal("/admin/users?result=created", created.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await DashboardFactory.PostLoginAsync(factory.CreateBrowser().Http, email, password[..length])).StatusCode);
    }

    [Fact]
    public async Task APasswordOfElevenCharacters_IsRefused_AndNoUserIsCreated()
    {
        using var admin = await factory.SignInAsync(DashboardFactory.AdminEmail, factory.AdminPassword);
        var token = await DashboardFactory.GetAntiforgeryTokenAsync(admin.Http, "/admin/users");
        var response = await admin.Http.PostAsync("/admin/users/new", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Email"] = "short@test.local", ["Role"] = Roles.Viewer, ["Password"] = "elevenchars",
        }));
        Assert.Equal("/admin/users?result=weak-password", response.Headers.Location?.OriginalString);
        await using var scope = factory.Services.CreateAsyncScope();
        Assert.Null(await scope.ServiceProvider.GetRequiredService<UserManager<DashboardUser>>().FindByEmailAsync("short@test.local"));
    }

    [Theory]
    [InlineData("password1234")]
    [InlineData("123456789012")]
    [InlineData("Password1234")]
    [InlineData("qwertyuiop12")]
    [InlineData("monkey123456!")]
    public async Task ACommonOrBreachedPassword_IsRefused_SayingWhy_AndNoUserIsCreated(string password)
    {
        var email = $"common-{Guid.NewGuid():N}@test.local";
        using var admin = await factory.SignInAsRoleAsync(Roles.Admin);
        var token = await DashboardFactory.GetAntiforgeryTokenAsync(admin.Http, "/admin/users");
        var response = await admin.Http.PostAsync("/admin/users/new", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Email"] = email, ["Role"] = Roles.Viewer, ["Password"] = password,
        }));
        Assert.Equal("/admin/users?result=common-password", response.Headers.Location?.OriginalString);
        Assert.Contains("This password is too common; choose another.",
            await admin.Http.GetStringAsync(response.Headers.Location!.OriginalString), StringComparison.Ordinal);
        await using var scope = factory.Services.CreateAsyncScope();
        Assert.Null(await scope.ServiceProvider.GetRequiredService<UserManager<DashboardUser>>().FindByEmailAsync(email));
    }

    [Fact]
    public async Task ACommonPassword_IsRefusedOnReset_Too()
    {
        var email = $"reset-common-{Guid.NewGuid():N}@test.local";
        await factory.CreateUserAsync(email, Roles.Viewer);
        string id;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            id = (await scope.ServiceProvider.GetRequiredService<UserManager<DashboardUser>>().FindByEmailAsync(email))!.Id;
        }
        using var admin = await factory.SignInAsRoleAsync(Roles.Admin);
        var token = await DashboardFactory.GetAntiforgeryTokenAsync(admin.Http, "/admin/users");
        var response = await admin.Http.PostAsync($"/admin/users/{id}/password", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Password"] = "iloveyou1234",
        }));
        Assert.Equal("/admin/users?result=common-password", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public void TheShippedList_IsLarge_AndLeavesPassphrasesAlone()
    {
        Assert.True(BarberPro.Dashboard.Security.CommonPasswordValidator.IsCommon("dragon"));
        Assert.False(BarberPro.Dashboard.Security.CommonPasswordValidator.IsCommon("staple battery horse correct lamp"));
        Assert.False(BarberPro.Dashboard.Security.CommonPasswordValidator.IsCommon("pw-" + Guid.NewGuid().ToString("N")));
    }

    [Fact]
    public async Task APasswordOf257Characters_IsRefused_AndNoUserIsCreated()
    {
        using var admin = await factory.SignInAsync(DashboardFactory.AdminEmail, factory.AdminPassword);
        var token = await DashboardFactory.GetAntiforgeryTokenAsync(admin.Http, "/admin/users");
        var response = await admin.Http.PostAsync("/admin/users/new", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Email"] = "too-long@test.local", ["Role"] = Roles.Viewer, ["Password"] = new string('b', 257),
        }));
        Assert.Equal("/admin/users?result=invalid", response.Headers.Location?.OriginalString);
        await using var scope = factory.Services.CreateAsyncScope();
        Assert.Null(await scope.ServiceProvider.GetRequiredService<UserManager<DashboardUser>>().FindByEmailAsync("too-long@test.local"));
    }

    /// <summary>
    /// Read from the stored hash itself (ASP.NET Core Identity v3 format: a 0x01 marker, then big-endian PRF, iteration
    /// count and salt length), so a default changed anywhere (options, Identity, configuration) shows here.
    /// </summary>
    [Fact]
    public async Task StoredHashes_ArePbkdf2HmacSha512_At210000Iterations()
    {
        const string email = "hash-format@test.local";
        await factory.CreateUserAsync(email, Roles.Viewer);
        await using var connection = new NpgsqlConnection(factory.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT \"PasswordHash\" FROM dashboard.users WHERE \"Email\" = $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = email });
        var hash = Convert.FromBase64String((string)(await command.ExecuteScalarAsync())!);

        Assert.Equal(0x01, hash[0]);
        Assert.Equal((uint)KeyDerivationPrf.HMACSHA512, BinaryPrimitives.ReadUInt32BigEndian(hash.AsSpan(1)));
        Assert.Equal(210_000u, BinaryPrimitives.ReadUInt32BigEndian(hash.AsSpan(5)));
        Assert.Equal(16u, BinaryPrimitives.ReadUInt32BigEndian(hash.AsSpan(9)));
    }
}
