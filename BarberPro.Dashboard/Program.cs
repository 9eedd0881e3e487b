using BarberPro.Dashboard.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddBarberProDashboard();

var app = builder.Build();
if (!app.ValidateConfiguration())
{
    return 1;
}
app.MapBarberProDashboard();
app.Run();
return 0;

/// <summary>Entry point; public so that WebApplicationFactory can host the app in tests.</summary>
public partial class Program;
