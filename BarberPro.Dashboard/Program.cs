using BarberPro.Dashboard.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddBarberProDashboard();

var app = builder.Build();
app.MapBarberProDashboard();
app.Run();

/// <summary>Entry point; public so that WebApplicationFactory can host the app in tests.</summary>
public partial class Program;
