using Microsoft.Extensions.Options;

namespace BarberPro.Core.Prometheus;

/// <summary>Reports every problem of <see cref="PanelQueryOptions"/> at once, naming each setting.</summary>
public sealed class ValidatePanelQueryOptions(string sectionPath = PanelQueryOptions.SectionName) : IValidateOptions<PanelQueryOptions>
{
    public ValidateOptionsResult Validate(string? name, PanelQueryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();

        foreach (var (key, query) in options.Queries.OrderBy(q => q.Key, StringComparer.Ordinal))
        {
            var setting = $"{sectionPath}:Queries:{key}";
            if (!PanelQueryCatalog.Defaults.ContainsKey(key))
            {
                errors.Add($"{setting} is not a known panel query; known keys: {string.Join(", ", PanelQueryCatalog.Defaults.Keys.Order(StringComparer.Ordinal))}.");
                continue;
            }

            if (!PromQlTemplate.TryParse(query, PanelQueryCatalog.Placeholders, out _, out var problems))
            {
                errors.Add($"{setting} is invalid: {string.Join(" ", problems)}");
            }
        }

        var labels = options.Labels ?? new PanelQueryLabels();
        AddIfBlank(labels.Job, "Job");
        AddIfBlank(labels.Deployment, "Deployment");
        AddIfBlank(labels.Hpa, "Hpa");
        AddIfBlank(labels.Container, "Container");

        if (options.ScrapeInterval < TimeSpan.FromSeconds(1) || options.ScrapeInterval > TimeSpan.FromMinutes(10))
        {
            errors.Add($"{sectionPath}:ScrapeInterval must be between 00:00:01 and 00:10:00 (was {options.ScrapeInterval}).");
        }

        if (!(options.SloTarget > 0 && options.SloTarget < 1))
        {
            errors.Add($"{sectionPath}:SloTarget must be between 0 and 1 exclusive, e.g. 0.999 (was {options.SloTarget}).");
        }

        if (options.ErrorRatioWindow < options.ScrapeInterval * 2 || options.ErrorRatioWindow > TimeSpan.FromHours(1) || options.ErrorRatioWindow.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            errors.Add($"{sectionPath}:ErrorRatioWindow must be whole seconds, at least two scrape intervals and at most 01:00:00, the window of the HighErrorRate rule (was {options.ErrorRatioWindow}).");
        }

        if (options.MaxPointsPerSeries is < 10 or > PrometheusClient.MaxPointsPerSeries)
        {
            errors.Add($"{sectionPath}:MaxPointsPerSeries must be between 10 and {PrometheusClient.MaxPointsPerSeries} (was {options.MaxPointsPerSeries}).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);

        void AddIfBlank(string? value, string setting)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                errors.Add($"{sectionPath}:Labels:{setting} is required (a label value the default queries select on).");
            }
        }
    }
}
