using System.Net;
using BarberPro.Dashboard.Tests.Infrastructure;

namespace BarberPro.Dashboard.Tests.Security;

/// <summary>The first Admin's password read from a file (as run.sh and a Kubernetes Secret give it), not from the environment.</summary>
public sealed class BootstrapPasswordFileTests(BootstrapPasswordFileTests.Factory factory) : IClassFixture<BootstrapPasswordFileTests.Factory>
{
    public sealed class Factory : DashboardFactory
    {
        public string PasswordFile { get; } = Path.Combine(Path.GetTempPath(), $"barberpro-admin-{Guid.NewGuid():N}");

        public string FilePassword { get; } = "from-a-file-" + Guid.NewGuid().ToString("N");

        protected override IDictionary<string, string?> Settings
        {
            get
            {
                File.WriteAllText(PasswordFile, FilePassword + "\n");
                return new Dictionary<string, string?>
                {
                    ["Bootstrap:AdminPassword"] = null,
                    ["Bootstrap:AdminPasswordFile"] = PasswordFile,
                };
            }
        }
    }

    [Fact]
    public async Task TheFirstAdmin_SignsInWithThePasswordFromTheFile()
    {
        using var browser = factory.CreateBrowser();
        Assert.Equal(HttpStatusCode.Redirect, (await DashboardFactory.PostLoginAsync(browser.Http, DashboardFactory.AdminEmail, factory.FilePassword)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.Http.GetAsync("/admin/users")).StatusCode);
    }
}
