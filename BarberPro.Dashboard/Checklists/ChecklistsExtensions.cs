namespace BarberPro.Dashboard.Checklists;

public static class ChecklistsExtensions
{
    public static WebApplicationBuilder AddChecklists(this WebApplicationBuilder builder) => builder;

    public static IEndpointRouteBuilder MapChecklists(this IEndpointRouteBuilder endpoints) => endpoints;
}
