using Microsoft.Extensions.Options;

namespace BarberPro.Dashboard.Security;

/// <summary>Section <c>Security</c>: sessions, sign-in throttling, origins allowed to open the live socket.</summary>
public sealed class SecurityOptions
{
    public const string SectionName = "Security";

    /// <summary>
    /// True wherever the dashboard is reached over HTTPS (the default): the session cookie is then Secure and named with
    /// the <c>__Host-</c> prefix. Only a local demo on http://127.0.0.1 sets it to false.
    /// </summary>
    public bool RequireHttps { get; set; } = true;

    /// <summary>A session unused for this long ends (sliding).</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromHours(1);

    /// <summary>A session ends this long after sign-in whatever its use. A wall screen signs in again once a day.</summary>
    public TimeSpan AbsoluteLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Failed passwords before the account locks, and for how long.</summary>
    public int LockoutMaxFailures { get; set; } = 5;

    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Sign-in attempts allowed per minute from one client address, and per account name.</summary>
    public int LoginAttemptsPerMinutePerClient { get; set; } = 20;

    public int LoginAttemptsPerMinutePerAccount { get; set; } = 10;

    /// <summary>PBKDF2-HMAC-SHA512 iterations: OWASP's Password Storage Cheat Sheet figure (210,000).</summary>
    public int PasswordHashIterations { get; set; } = 210_000;

    /// <summary>
    /// Origins (scheme://host[:port]) whose pages may open the live WebSocket. Empty: only the origin the request
    /// itself was addressed to.
    /// </summary>
    public string[] AllowedOrigins { get; set; } = [];

    /// <summary>When true, <c>/metrics</c> needs a signed-in Admin; by default it is open so Prometheus can scrape it.</summary>
    public bool MetricsRequireSignIn { get; set; }

    /// <summary>
    /// Host names the dashboard answers to (the ingress host in production; <c>*.example.com</c> matches subdomains).
    /// Any other Host header gets 400 and is never used to build a link or a redirect. <c>/health</c>, <c>/ready</c>
    /// and <c>/metrics</c> answer whatever the Host, because the kubelet and Prometheus call the pod by its address.
    /// </summary>
    public string[] AllowedHosts { get; set; } = [];

    /// <summary>
    /// Addresses (<c>KnownProxies</c>) and networks in CIDR form (<c>KnownNetworks</c>) of the reverse proxies (the
    /// ingress controller) whose <c>X-Forwarded-For</c>/<c>X-Forwarded-Proto</c> are believed. The client address they
    /// give is what throttling and the lockout count per client. Empty: no forwarded header is believed.
    /// </summary>
    public string[] KnownProxies { get; set; } = [];

    public string[] KnownNetworks { get; set; } = [];
}

internal sealed class SecurityOptionsValidator : IValidateOptions<SecurityOptions>
{
    public ValidateOptionsResult Validate(string? name, SecurityOptions options)
    {
        var failures = new List<string>();
        if (options.IdleTimeout <= TimeSpan.Zero)
        {
            failures.Add("Security:IdleTimeout must be positive.");
        }
        if (options.AbsoluteLifetime < options.IdleTimeout)
        {
            failures.Add("Security:AbsoluteLifetime must be at least Security:IdleTimeout.");
        }
        if (options.LockoutMaxFailures is < 1 or > 100)
        {
            failures.Add("Security:LockoutMaxFailures must be between 1 and 100.");
        }
        if (options.LockoutDuration <= TimeSpan.Zero)
        {
            failures.Add("Security:LockoutDuration must be positive.");
        }
        if (options.LoginAttemptsPerMinutePerClient < 1)
        {
            failures.Add("Security:LoginAttemptsPerMinutePerClient must be at least 1.");
        }
        if (options.LoginAttemptsPerMinutePerAccount < 1)
        {
            failures.Add("Security:LoginAttemptsPerMinutePerAccount must be at least 1.");
        }
        if (options.PasswordHashIterations < 210_000)
        {
            failures.Add("Security:PasswordHashIterations must be at least 210000 (OWASP, PBKDF2-HMAC-SHA512).");
        }
        foreach (var origin in options.AllowedOrigins)
        {
            if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")
                || uri.AbsolutePath != "/" || origin.EndsWith('/'))
            {
                failures.Add($"Security:AllowedOrigins contains '{origin}', which is not an origin like https://ops.example.com.");
            }
        }
        if (options.AllowedHosts.Length == 0 || options.AllowedHosts.Any(string.IsNullOrWhiteSpace))
        {
            failures.Add("Security:AllowedHosts must name at least one host, e.g. ops.example.com (\"*\" allows any).");
        }
        foreach (var proxy in options.KnownProxies)
        {
            if (!System.Net.IPAddress.TryParse(proxy, out _))
            {
                failures.Add($"Security:KnownProxies contains '{proxy}', which is not an IP address.");
            }
        }
        foreach (var network in options.KnownNetworks)
        {
            if (!System.Net.IPNetwork.TryParse(network, out _))
            {
                failures.Add($"Security:KnownNetworks contains '{network}', which is not a network like 10.0.0.0/8.");
            }
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

/// <summary>Section <c>Bootstrap</c>: the first Admin, created only while the dashboard has no user at all.</summary>
public sealed class BootstrapOptions
{
    public const string SectionName = "Bootstrap";

    public string? AdminEmail { get; set; }

    /// <summary>
    /// A file holding the first Admin's password (a Kubernetes Secret mounted as a file, or run.sh's mode-600 file), read
    /// once while no user exists, so that the password never sits in the process's environment.
    /// </summary>
    public string? AdminPasswordFile { get; set; }

    /// <summary>The password itself; for tests and throwaway setups. Prefer <see cref="AdminPasswordFile"/>.</summary>
    public string? AdminPassword { get; set; }
}

internal sealed class BootstrapOptionsValidator : IValidateOptions<BootstrapOptions>
{
    public ValidateOptionsResult Validate(string? name, BootstrapOptions options)
    {
        var failures = new List<string>();
        var hasEmail = !string.IsNullOrWhiteSpace(options.AdminEmail);
        var hasPassword = !string.IsNullOrEmpty(options.AdminPassword);
        var hasFile = !string.IsNullOrWhiteSpace(options.AdminPasswordFile);
        if (hasPassword && hasFile)
        {
            failures.Add("Bootstrap:AdminPassword and Bootstrap:AdminPasswordFile cannot both be given.");
        }
        if (hasEmail != (hasPassword || hasFile) && !(hasFile && !hasEmail))
        {
            failures.Add("Bootstrap:AdminEmail and Bootstrap:AdminPasswordFile (or AdminPassword) must be given together.");
        }
        // A file path alone (a deployment that names the file once the e-mail is removed) is ignored.
        if (hasEmail && hasFile && !File.Exists(options.AdminPasswordFile))
        {
            failures.Add($"Bootstrap:AdminPasswordFile names '{options.AdminPasswordFile}', which is not a readable file.");
        }
        if (hasEmail && !options.AdminEmail!.Contains('@', StringComparison.Ordinal))
        {
            failures.Add("Bootstrap:AdminEmail must be an e-mail address.");
        }
        if (hasPassword && options.AdminPassword!.Length < PasswordRules.MinimumLength)
        {
            failures.Add($"Bootstrap:AdminPassword must have at least {PasswordRules.MinimumLength} characters.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

/// <summary>OWASP ASVS 5 password rules: a length floor, a generous ceiling, no composition rules.</summary>
public static class PasswordRules
{
    public const int MinimumLength = 12;

    /// <summary>Long passphrases are welcome; the ceiling only stops hashing megabytes on every attempt.</summary>
    public const int MaximumLength = 256;
}
