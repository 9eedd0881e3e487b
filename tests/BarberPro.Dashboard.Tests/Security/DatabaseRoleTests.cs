using System.Net;
using BarberPro.Dashboard.Tests.Infrastructure;
using Npgsql;

namespace BarberPro.Dashboard.Tests.Security;

/// <summary>
/// The dashboard as the local stack runs it: migrations as the schema's owner (ConnectionStrings:DashboardMigrations),
/// everything else as the stack's runtime role (BARBERPRO_DASHBOARD_DB's user), which may touch rows and nothing more.
/// </summary>
public sealed class DatabaseRoleTests(DatabaseRoleTests.Factory factory) : IClassFixture<DatabaseRoleTests.Factory>
{
    public static string RuntimeRole => new NpgsqlConnectionStringBuilder(TestEnvironment.Require("BARBERPRO_DASHBOARD_DB")).Username!;

    public sealed class Factory : DashboardFactory
    {
        public string RuntimeConnectionString => new NpgsqlConnectionStringBuilder(Database.ConnectionString) { Username = RuntimeRole }.ConnectionString;

        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["ConnectionStrings:Dashboard"] = RuntimeConnectionString,
            ["ConnectionStrings:DashboardMigrations"] = Database.ConnectionString,
        };
    }

    [Fact]
    public void TheStacksRuntimeRole_IsNotTheSuperuser()
    {
        Assert.Equal("barberpro_dashboard", RuntimeRole);
    }

    [Fact]
    public async Task TheDashboard_Works_AsItsRuntimeRole()
    {
        using var admin = await factory.SignInAsync(DashboardFactory.AdminEmail, factory.AdminPassword);
        Assert.Equal(HttpStatusCode.OK, (await admin.Http.GetAsync("/admin/users")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.Http.GetAsync("/checklists")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.Http.GetAsync("/costs")).StatusCode);
        await using var connection = new NpgsqlConnection(factory.RuntimeConnectionString);
        await connection.OpenAsync();
        await using var who = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE usename = @u AND datname = current_database()", connection);
        who.Parameters.AddWithValue("u", RuntimeRole);
        Assert.True((long)(await who.ExecuteScalarAsync())! >= 1);
    }

    [Theory]
    [InlineData("CREATE ROLE barberpro_evil LOGIN SUPERUSER")]
    [InlineData("CREATE ROLE barberpro_evil")]
    [InlineData("CREATE TABLE dashboard.evil (id int)")]
    [InlineData("DROP TABLE dashboard.users")]
    [InlineData("ALTER TABLE dashboard.users ADD COLUMN evil int")]
    [InlineData("DELETE FROM dashboard.security_audit")]
    [InlineData("UPDATE dashboard.security_audit SET detail = 'rewritten'")]
    [InlineData("DELETE FROM dashboard.schema_migrations")]
    [InlineData("UPDATE dashboard.incident_timeline SET body = 'rewritten'")]
    [InlineData("DELETE FROM dashboard.incident_timeline")]
    [InlineData("CREATE DATABASE barberpro_evil")]
    public async Task TheRuntimeRole_CannotChangeTheSchema_RolesOrTheAudit(string sql)
    {
        _ = factory.Services;
        await using var connection = new NpgsqlConnection(factory.RuntimeConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        var refused = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
    }

    /// <summary>
    /// The stack's own dashboard database, as scripts/lib.sh provisions it (PUBLIC's rights revoked): the runtime role
    /// may still create the session-local staging tables the booking maintainer copies changes into.
    /// </summary>
    [Fact]
    public async Task TheRuntimeRole_MayCreateTheBookingMaintainersTemporaryTables_InTheStacksDatabase()
    {
        var builder = new NpgsqlConnectionStringBuilder(TestEnvironment.Require("BARBERPRO_DASHBOARD_DB")) { Pooling = false };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("CREATE TEMP TABLE staging_check (id bigint) ON COMMIT DROP", connection);
        Assert.Equal(-1, await command.ExecuteNonQueryAsync());
    }

    [Theory]
    [InlineData("postgres")]
    [InlineData("barberpro_booking")]
    [InlineData("template1")]
    public async Task TheRuntimeRole_CannotConnectToAnotherDatabase(string database)
    {
        var builder = new NpgsqlConnectionStringBuilder(TestEnvironment.Require("BARBERPRO_DASHBOARD_DB")) { Database = database, Pooling = false };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        var refused = await Assert.ThrowsAsync<PostgresException>(() => connection.OpenAsync());
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
    }
}
