namespace BarberPro.Dashboard.Tests.Infrastructure;

/// <summary>The real servers the tests run against, started by scripts/test.sh (see README).</summary>
public static class TestEnvironment
{
    public static string PostgresAdmin => Require("BARBERPRO_PG_ADMIN");

    public static string Require(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{name} is not set. These tests need the real stack: run scripts/test.sh, or `scripts/stack.sh start` and `source .stack/dev/env`.");
}
