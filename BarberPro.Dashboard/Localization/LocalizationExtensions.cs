using System.Globalization;
using BarberPro.Dashboard.Components.Themes;
using Microsoft.AspNetCore.Localization;
using MudBlazor;

namespace BarberPro.Dashboard.Localization;

/// <summary>
/// The two languages (<see cref="Languages"/>): resource files read through <c>IStringLocalizer</c> (one shared
/// <see cref="Strings"/> resource, keys prefixed by feature; MudBlazor's own texts in <see cref="MudStrings"/>), and the
/// culture of each request, which a circuit keeps: the signed-in user's stored choice, then the language cookie, then
/// the browser's Accept-Language, then English. The culture also decides how numbers, money and dates are written and
/// read (<c>Money</c>, <c>NumberInput</c>, <c>ArgentinaTime</c> take it as a parameter).
/// </summary>
public static class LocalizationExtensions
{
    public static WebApplicationBuilder AddDashboardLocalization(this WebApplicationBuilder builder)
    {
        builder.Services.AddDashboardStrings();
        builder.Services.AddUserPreferencesStore();
        builder.Services.AddSingleton<IUserLanguageStore>(services => services.GetRequiredService<UserPreferencesStore>());
        builder.Services.AddSingleton<UserLanguages>();
        builder.Services.Configure<RequestLocalizationOptions>(options =>
        {
            CultureInfo[] cultures = [.. Languages.All.Select(name => CultureInfo.GetCultureInfo(name))];
            options.DefaultRequestCulture = new RequestCulture(Languages.Default);
            options.SupportedCultures = cultures;
            options.SupportedUICultures = cultures;
            options.RequestCultureProviders =
            [
                new UserLanguageCultureProvider(),
                new CookieRequestCultureProvider(),
                new BrowserLanguageCultureProvider(),
            ];
        });
        return builder;
    }

    /// <summary>The string localizers and MudBlazor's (also for component tests, which build their own services).</summary>
    public static IServiceCollection AddDashboardStrings(this IServiceCollection services)
    {
        services.AddLocalization();
        services.AddTransient<MudLocalizer, DashboardMudLocalizer>();
        return services;
    }

    /// <summary>After authentication: the first provider reads the signed-in user's choice.</summary>
    public static IApplicationBuilder UseDashboardLocalization(this IApplicationBuilder app) => app.UseRequestLocalization();
}
