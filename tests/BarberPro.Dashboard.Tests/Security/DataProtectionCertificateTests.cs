using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using BarberPro.Dashboard.Tests.Infrastructure;
using Npgsql;

namespace BarberPro.Dashboard.Tests.Security;

/// <summary>Data-protection keys encrypted at rest with a certificate the deployment provides (a PKCS#12 file and its password file).</summary>
public sealed class DataProtectionCertificateTests(DataProtectionCertificateTests.Factory factory) : IClassFixture<DataProtectionCertificateTests.Factory>
{
    public sealed class Factory : DashboardFactory
    {
        private readonly string _folder = Directory.CreateTempSubdirectory("barberpro-dp-").FullName;

        protected override IDictionary<string, string?> Settings
        {
            get
            {
                var pfx = Path.Combine(_folder, "dp.pfx");
                var passwordFile = Path.Combine(_folder, "dp.pass");
                if (!File.Exists(pfx))
                {
                    var password = Guid.NewGuid().ToString("N");
                    using var rsa = RSA.Create(2048);
                    var request = new CertificateRequest("CN=BarberPro test data protection", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
                    using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
                    File.WriteAllBytes(pfx, certificate.Export(X509ContentType.Pfx, password));
                    File.WriteAllText(passwordFile, password + "\n");
                }
                return new Dictionary<string, string?>
                {
                    ["DataProtection:CertificatePath"] = pfx,
                    ["DataProtection:CertificatePasswordFile"] = passwordFile,
                };
            }
        }
    }

    [Fact]
    public async Task TheStoredKey_IsEncrypted_AndCookiesStillWork()
    {
        await using var connection = new NpgsqlConnection(factory.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT xml FROM dashboard.data_protection_keys", connection);
        var keys = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                keys.Add(reader.GetString(0));
            }
        }
        Assert.NotEmpty(keys);
        Assert.All(keys, xml =>
        {
            Assert.Contains("<encryptedSecret", xml, StringComparison.Ordinal);
            Assert.Contains("CertificateKeyDecryptor", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);
        });

        // What was written decrypts with the configured certificate (as another instance reading the table would).
        var encrypted = System.Xml.Linq.XElement.Parse(keys[0]).Descendants().Single(e => e.Name.LocalName == "encryptedSecret").Elements().Single();
        var secret = new BarberPro.Dashboard.Security.CertificateKeyDecryptor(factory.Services).Decrypt(encrypted);
        Assert.Contains("<masterKey", secret.ToString(), StringComparison.Ordinal);

        // The key ring reads its own encrypted key back: a sign-in's cookie is accepted on the next request.
        using var browser = await factory.SignInAsync(DashboardFactory.AdminEmail, factory.AdminPassword);
        Assert.Equal(HttpStatusCode.OK, (await browser.Http.GetAsync("/admin/users")).StatusCode);
    }
}
