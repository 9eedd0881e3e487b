using System.Security.Claims;
using BarberPro.Core.Checklists;
using BarberPro.Core.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace BarberPro.Dashboard.Checklists;

/// <summary>
/// The template editor's form posts (with antiforgery) that redirect back to the page (post/redirect/get). Refused input
/// answers 400 with a page that says what was wrong; a database that does not answer, 503. In both cases nothing was
/// stored. Ticks and notes are no longer form posts: the run pages send them through their circuit, API clients through
/// <see cref="ChecklistHub"/>.
/// </summary>
public static class ChecklistApi
{
    public static IEndpointRouteBuilder MapChecklistApi(this IEndpointRouteBuilder endpoints)
    {
        var checklists = endpoints.MapGroup("/checklists");
        checklists.MapPost("/templates/sections/{sectionKey}/items", AddItemAsync)
            .RequireAuthorization(Policies.Manage).WithName("ChecklistTemplateAddItem");
        checklists.MapPost("/templates/items/{itemKey}/{action}", EditItemAsync)
            .RequireAuthorization(Policies.Manage).WithName("ChecklistTemplateEditItem");
        return endpoints;
    }

    internal static async Task<IResult> AddItemAsync(string sectionKey, [FromForm] ChecklistTemplateForm? form,
        HttpContext http, ChecklistTemplateStore templates, CancellationToken cancellationToken) =>
        await TemplateEditAsync(() => templates.AddItemAsync(sectionKey, form?.Title, form?.EvidenceKey, Actor(http), cancellationToken));

    internal static async Task<IResult> EditItemAsync(string itemKey, string action, [FromForm] ChecklistTemplateForm? form,
        HttpContext http, ChecklistTemplateStore templates, CancellationToken cancellationToken)
    {
        form ??= new ChecklistTemplateForm();
        var actor = Actor(http);
        return action switch
        {
            "rename" => await TemplateEditAsync(() => templates.RenameItemAsync(itemKey, form.Title, actor, cancellationToken)),
            "up" => await TemplateEditAsync(() => templates.MoveItemAsync(itemKey, ChecklistMoveDirection.Up, actor, cancellationToken)),
            "down" => await TemplateEditAsync(() => templates.MoveItemAsync(itemKey, ChecklistMoveDirection.Down, actor, cancellationToken)),
            "retire" => await TemplateEditAsync(() => templates.RetireItemAsync(itemKey, actor, cancellationToken)),
            "restore" => await TemplateEditAsync(() => templates.RestoreItemAsync(itemKey, actor, cancellationToken)),
            _ => Error(StatusCodes.Status400BadRequest, "The action must be rename, up, down, retire or restore.",
                ChecklistPaths.Templates),
        };
    }

    private static async Task<IResult> TemplateEditAsync(Func<Task> edit)
    {
        try
        {
            await edit();
            return TypedResults.Redirect(ChecklistPaths.Templates + "?saved=1");
        }
        catch (ChecklistInputException ex)
        {
            return Error(StatusCodes.Status400BadRequest, ex.Message + " The template was not changed.", ChecklistPaths.Templates);
        }
        catch (ChecklistUnavailableException ex)
        {
            return Error(StatusCodes.Status503ServiceUnavailable, ex.Message, ChecklistPaths.Templates);
        }
    }

    internal static ChecklistActor Actor(HttpContext http) =>
        new(http.User.FindFirstValue(ClaimTypes.NameIdentifier), http.User.Identity?.Name ?? "unknown");

    private static RazorComponentResult<ChecklistErrorPage> Error(int status, string message, string backUrl) =>
        new(new Dictionary<string, object?>
        {
            [nameof(ChecklistErrorPage.Message)] = message,
            [nameof(ChecklistErrorPage.BackUrl)] = backUrl,
        })
        { StatusCode = status };
}

public sealed class ChecklistTemplateForm
{
    public string? Title { get; set; }

    public string? EvidenceKey { get; set; }
}
