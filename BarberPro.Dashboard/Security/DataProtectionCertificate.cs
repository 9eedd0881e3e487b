using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.Options;

namespace BarberPro.Dashboard.Security;

/// <summary>
/// Section <c>DataProtection</c>: the certificate that encrypts the data-protection keys at rest in
/// <c>dashboard.data_protection_keys</c> (they sign the session and antiforgery cookies). A PKCS#12 file and a file
/// holding its password, both from a Kubernetes Secret mounted as files. Without it the keys are stored as plain XML,
/// readable by anyone who can read the table.
/// </summary>
public sealed class DataProtectionCertificateOptions
{
    public const string SectionName = "DataProtection";

    public string? CertificatePath { get; set; }

    public string? CertificatePasswordFile { get; set; }
}

internal sealed class DataProtectionCertificateOptionsValidator : IValidateOptions<DataProtectionCertificateOptions>
{
    public ValidateOptionsResult Validate(string? name, DataProtectionCertificateOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.CertificatePath))
        {
            return string.IsNullOrWhiteSpace(options.CertificatePasswordFile)
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail("DataProtection:CertificatePasswordFile is set but DataProtection:CertificatePath is not.");
        }
        try
        {
            using var certificate = DataProtectionCertificate.Load(options);
            return certificate.HasPrivateKey
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail($"DataProtection:CertificatePath '{options.CertificatePath}' holds no private key.");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException)
        {
            return ValidateOptionsResult.Fail(
                $"DataProtection:CertificatePath '{options.CertificatePath}' cannot be read as a PKCS#12 file with the password of DataProtection:CertificatePasswordFile: {ex.Message}");
        }
    }
}

/// <summary>Loads the certificate once and hands it to the key manager (encrypt) and the key ring reader (decrypt).</summary>
public static class DataProtectionCertificate
{
    internal static X509Certificate2 Load(DataProtectionCertificateOptions options)
    {
        var password = string.IsNullOrWhiteSpace(options.CertificatePasswordFile)
            ? null
            : File.ReadAllText(options.CertificatePasswordFile).Trim();
        return X509CertificateLoader.LoadPkcs12FromFile(options.CertificatePath!, password, X509KeyStorageFlags.EphemeralKeySet);
    }

    public static IServiceCollection AddDataProtectionCertificate(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DataProtectionCertificateOptions>()
            .Bind(configuration.GetSection(DataProtectionCertificateOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DataProtectionCertificateOptions>, DataProtectionCertificateOptionsValidator>();
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<DataProtectionCertificateOptions>>().Value;
            return new Holder(string.IsNullOrWhiteSpace(options.CertificatePath) ? null : Load(options));
        });
        services.AddOptions<KeyManagementOptions>().Configure<Holder, ILoggerFactory>((o, holder, loggers) =>
        {
            if (holder.Certificate is { } certificate)
            {
                o.XmlEncryptor = new CertificateKeyEncryptor(certificate, loggers);
            }
        });
        return services;
    }

    public sealed record Holder(X509Certificate2? Certificate);
}

/// <summary>
/// Encrypts each new key with the certificate (XML encryption, as ProtectKeysWithCertificate does), naming
/// <see cref="CertificateKeyDecryptor"/> to read it back. The framework's own pair needs the certificate while services
/// are registered; this one takes it from configuration when options are first read, like every other setting here.
/// </summary>
public sealed class CertificateKeyEncryptor(X509Certificate2 certificate, ILoggerFactory loggers) : IXmlEncryptor
{
    private readonly CertificateXmlEncryptor _inner = new(certificate, loggers);

    public EncryptedXmlInfo Encrypt(System.Xml.Linq.XElement plaintextElement) =>
        new(_inner.Encrypt(plaintextElement).EncryptedElement, typeof(CertificateKeyDecryptor));
}

/// <summary>Decrypts a key written by <see cref="CertificateKeyEncryptor"/> with the configured certificate's private key.</summary>
public sealed class CertificateKeyDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public System.Xml.Linq.XElement Decrypt(System.Xml.Linq.XElement encryptedElement)
    {
        ArgumentNullException.ThrowIfNull(encryptedElement);
        var certificate = services.GetRequiredService<DataProtectionCertificate.Holder>().Certificate
            ?? throw new InvalidOperationException(
                "A data-protection key is encrypted with a certificate, but DataProtection:CertificatePath is not set.");
        var document = new System.Xml.XmlDocument { PreserveWhitespace = true };
        using (var reader = encryptedElement.CreateReader())
        {
            document.Load(reader);
        }
        new CertificateEncryptedXml(document, certificate).DecryptDocument();
        using var nodes = new System.Xml.XmlNodeReader(document);
        return System.Xml.Linq.XElement.Load(nodes);
    }

    private sealed class CertificateEncryptedXml(System.Xml.XmlDocument document, X509Certificate2 certificate)
        : System.Security.Cryptography.Xml.EncryptedXml(document)
    {
        public override byte[]? DecryptEncryptedKey(System.Security.Cryptography.Xml.EncryptedKey encryptedKey)
        {
            ArgumentNullException.ThrowIfNull(encryptedKey);
            using var rsa = certificate.GetRSAPrivateKey()
                ?? throw new CryptographicException("The data-protection certificate has no RSA private key.");
            return DecryptKey(encryptedKey.CipherData.CipherValue!, rsa,
                encryptedKey.EncryptionMethod?.KeyAlgorithm == XmlEncRSAOAEPUrl);
        }
    }
}
