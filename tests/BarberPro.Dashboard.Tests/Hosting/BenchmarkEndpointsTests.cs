using System.Net;
using System.Net.Http.Json;
using BarberPro.Core.Security;
using BarberPro.Dashboard.Hosting;
using BarberPro.Dashboard.Tests.Infrastructure;

namespace BarberPro.Dashboard.Tests.Hosting;

/// <summary>The benchmark's diagnostics endpoint: absent by default, an Admin's only when switched on.</summary>
public sealed class BenchmarkEndpointsTests
{
    public sealed class Default(DashboardFactory factory) : IClassFixture<DashboardFactory>
    {
        [Fact]
        public async Task MemoryEndpoint_IsNotMapped_EvenForAnAdmin()
        {
            using var admin = await factory.SignInAsync(DashboardFactory.AdminEmail, factory.AdminPassword);

            var response = await admin.Http.GetAsync(BenchmarkEndpoints.MemoryPath);

            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
    }

    public sealed class SwitchedOnFactory : DashboardFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Diagnostics:BenchmarkEndpoints"] = "true",
        };
    }

    public sealed class SwitchedOn(SwitchedOnFactory factory) : IClassFixture<SwitchedOnFactory>
    {
        [Fact]
        public async Task MemoryEndpoint_AnswersAnAdmin_WithTheHeapAfterAFullCollection()
        {
            using var admin = await factory.SignInAsync(DashboardFactory.AdminEmail, factory.AdminPassword);

            var response = await admin.Http.GetAsync(BenchmarkEndpoints.MemoryPath);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var report = await response.Content.ReadFromJsonAsync<MemoryReport>();
            Assert.NotNull(report);
            Assert.InRange(report.ManagedBytesAfterFullGc, 1L << 20, long.MaxValue);
            Assert.InRange(report.RssBytes, report.ManagedBytesAfterFullGc, long.MaxValue);
            Assert.Contains(report.GcMode, new[] { "Server", "Workstation" });
            Assert.Equal(0, report.OpenCircuits);
        }

        [Theory]
        [InlineData(Roles.Viewer)]
        [InlineData(Roles.Operator)]
        [InlineData(Roles.Manager)]
        public async Task MemoryEndpoint_IsDenied_BelowAdmin(string role)
        {
            using var browser = await factory.SignInAsRoleAsync(role);

            var response = await browser.Http.GetAsync(BenchmarkEndpoints.MemoryPath);

            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/account/denied", response.Headers.Location?.AbsolutePath);
        }

        [Fact]
        public async Task MemoryEndpoint_SendsAnonymousCallersToSignIn()
        {
            using var browser = factory.CreateBrowser();

            var response = await browser.Http.GetAsync(BenchmarkEndpoints.MemoryPath);

            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/account/login", response.Headers.Location?.AbsolutePath);
        }
    }
}
