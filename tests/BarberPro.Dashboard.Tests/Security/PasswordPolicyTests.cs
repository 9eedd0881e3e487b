using System.Buffers.Binary;
using System.Net;
using BarberPro.Core.Security;
using BarberPro.Dashboard.Admin;
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
        var created = await CreateAsync(email, password[..length]);
        Assert.Equal(UserChangeOutcome.Done, created.Outcome);
        Assert.Equal(HttpStatusCode.Redirect, (await DashboardFactory.PostLoginAsync(factory.CreateBrowser().Http, email, password[..length])).StatusCode);
    }

    [Fact]
    public async Task APasswordOfElevenCharacters_IsRefused_AndNoUserIsCreated()
    {
        var response = await CreateAsync("short@test.local", "elevenchars");
        Assert.Equal(UserChangeOutcome.WeakPassword, response.Outcome);
        Assert.Equal("The password must have at least 12 characters.", response.Message);
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
        var response = await CreateAsync(email, password);
        Assert.Equal(UserChangeOutcome.CommonPassword, response.Outcome);
        Assert.Equal("This password is too common; choose another.", response.Message);
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
        var response = await AdminActions.TryAsync(factory, users => users.ResetPasswordAsync(AdminActions.Admin, id, "iloveyou1234", CancellationToken.None));
        Assert.Equal(UserChangeOutcome.CommonPassword, response.Outcome);
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
        var response = await CreateAsync("too-long@test.local", new string('b', 257));
        Assert.Equal(UserChangeOutcome.Invalid, response.Outcome);
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

    /// <summary>Adds a Viewer through the users page's service, as an Admin would.</summary>
    private Task<UserChangeResult> CreateAsync(string email, string password) =>
        AdminActions.TryAsync(factory, users => users.CreateAsync(AdminActions.Admin, email, null, Roles.Viewer, password, CancellationToken.None));
}
