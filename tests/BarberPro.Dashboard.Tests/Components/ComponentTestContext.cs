using System.Security.Claims;
using BarberPro.Dashboard.Localization;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace BarberPro.Dashboard.Tests.Components;

/// <summary>
/// A bUnit context for the shell's components: MudBlazor's services, JS interop answered loosely (MudBlazor's calls
/// return defaults), and a signed-in user with a role.
/// </summary>
public abstract class ComponentTestContext : BunitContext, IAsyncLifetime
{
    protected ComponentTestContext()
    {
        Services.AddMudServices();
        Services.AddDashboardStrings();
        Services.AddScoped<BarberPro.Dashboard.Components.Layout.ShellPage>();
        JSInterop.Mode = JSRuntimeMode.Loose;
        // The app bar's live chip has its own tests (Live/LiveStatusChipTests); the shell's only host it.
        ComponentFactories.AddStub<BarberPro.Dashboard.Live.LiveStatusChip>();
    }

    public Task InitializeAsync() => Task.CompletedTask;

    /// <summary>MudBlazor's services are only asynchronously disposable.</summary>
    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();

    /// <summary>Signs <paramref name="name"/> in with <paramref name="role"/> for components that read the auth state.</summary>
    protected void SignIn(string name, string role, string userId = "user-1")
    {
        var auth = AddAuthorization();
        auth.SetAuthorized(name);
        auth.SetRoles(role);
        auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, userId));
    }

    protected static ClaimsPrincipal User(string role) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, "someone"), new Claim(ClaimTypes.Role, role)], "test"));
}
