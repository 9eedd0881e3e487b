using Microsoft.Extensions.Options;

namespace BarberPro.Dashboard.Hosting;

public static class ConfigurationCheck
{
    /// <summary>
    /// Validates every options class registered with ValidateOnStart before anything starts, and reports all problems
    /// in one line on standard error, each naming its setting (e.g. "Prometheus:BaseUrl is required ..."), instead
    /// of a stack trace from the host.
    /// </summary>
    public static bool ValidateConfiguration(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        try
        {
            app.Services.GetRequiredService<IStartupValidator>().Validate();
            return true;
        }
        catch (Exception ex) when (ex is OptionsValidationException or AggregateException)
        {
            var failures = ex is AggregateException aggregate
                ? aggregate.Flatten().InnerExceptions.OfType<OptionsValidationException>().SelectMany(e => e.Failures)
                : ((OptionsValidationException)ex).Failures;
            Console.Error.WriteLine("BarberPro.Dashboard cannot start: " + string.Join(" ", failures.Distinct(StringComparer.Ordinal)));
            return false;
        }
    }
}
