using BarberPro.Dashboard.Hosting;
using BarberPro.Dashboard.Security;

if (UnlockCommand.IsInvoked(args))
{
    return await UnlockCommand.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(args);
builder.AddBarberProDashboard();

var app = builder.Build();
if (!app.ValidateConfiguration())
{
    return 1;
}
app.MapBarberProDashboard();
await app.RunAsync();
return 0;

/// <summary>Entry point; public so that WebApplicationFactory can host the app in tests.</summary>
public partial class Program;
