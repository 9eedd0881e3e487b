using System.Globalization;
using System.Security.Claims;
using BarberPro.Core.Checklists;
using BarberPro.Core.Security;
using BarberPro.Dashboard.Persistence;
using BarberPro.Dashboard.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace BarberPro.Dashboard.Checklists;

/// <summary>
/// The no-JavaScript path: plain form posts (with antiforgery) that redirect back to the page (post/redirect/get).
/// Refused input answers 400 with a page that says what was wrong; a database that does not answer, 503. In both cases
/// nothing was stored. With JavaScript the same actions go through <see cref="ChecklistHub"/>.
/// </summary>
public static class ChecklistApi
{
    public static IEndpointRouteBuilder MapChecklistApi(this IEndpointRouteBuilder endpoints)
    {
        var checklists = endpoints.MapGroup("/checklists");
        checklists.MapPost("/runs/{runId}/items/{itemKey}/{action}", ChangeAsync)
            .RequireAuthorization(Policies.Tick).WithName("ChecklistChange");
        checklists.MapPost("/templates/sections/{sectionKey}/items", AddItemAsync)
            .RequireAuthorization(Policies.Manage).WithName("ChecklistTemplateAddItem");
        checklists.MapPost("/templates/items/{itemKey}/{action}", EditItemAsync)
            .RequireAuthorization(Policies.Manage).WithName("ChecklistTemplateEditItem");
        return endpoints;
    }

    internal static async Task<IResult> ChangeAsync(string runId, string itemKey, string action,
        [FromForm] ChecklistChangeForm? form, HttpContext http, ChecklistStore store, DatabaseOutage outage,
        CancellationToken cancellationToken)
    {
        // A post that carries only its token binds no form at all.
        form ??= new ChecklistChangeForm();
        if (ReturnUrl(form.ReturnUrl) is not { } returnUrl)
        {
            return Error(StatusCodes.Status400BadRequest, "The return address is not a page of the checklists. Nothing was saved.", ChecklistPaths.Root);
        }
        if (!ChecklistRules.TryParseRunId(runId, out var run))
        {
            return Error(StatusCodes.Status400BadRequest, $"'{runId}' is not a run id. Nothing was saved.", returnUrl);
        }
        if (!ChecklistRules.IsValidItemKey(itemKey))
        {
            return Error(StatusCodes.Status400BadRequest, "The item key is malformed. Nothing was saved.", returnUrl);
        }
        if (!ChecklistRules.TryParseKind(action, out var kind))
        {
            return Error(StatusCodes.Status400BadRequest, "The action must be tick, untick or note. Nothing was saved.", returnUrl);
        }
        if (!ChecklistRules.TryParseVersion(form.Version, out var version))
        {
            return Error(StatusCodes.Status400BadRequest, "The item version is missing or not a number. Nothing was saved.", returnUrl);
        }
        if (!ChecklistRules.TryParseIdempotencyKey(form.IdempotencyKey, out var key))
        {
            return Error(StatusCodes.Status400BadRequest, "The idempotency key is missing or not a UUID. Nothing was saved.", returnUrl);
        }
        var request = new ChecklistChangeRequest(run, itemKey, kind, version, key,
            kind == ChecklistChangeKind.Note ? form.Note ?? "" : null);
        try
        {
            var result = await store.ApplyAsync(request, Actor(http), cancellationToken);
            var target = result.Outcome == ChecklistChangeOutcome.Stale
                ? WithQuery(returnUrl, "stale", $"{run}:{itemKey}")
                : returnUrl;
            return TypedResults.Redirect($"{target}#{ChecklistPaths.ItemElementId(run, itemKey)}");
        }
        catch (ChecklistInputException ex)
        {
            return Error(StatusCodes.Status400BadRequest, ex.Message, returnUrl);
        }
        catch (ChecklistUnavailableException ex)
        {
            outage.Refused("checklist form", ex);
            return Error(StatusCodes.Status503ServiceUnavailable, ChecklistUnavailableException.DefaultMessage, returnUrl);
        }
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

    /// <summary>The page to go back to; null when one was given that is not a plain local address (refused before any write).</summary>
    private static string? ReturnUrl(string? returnUrl)
    {
        if (string.IsNullOrEmpty(returnUrl))
        {
            return ChecklistPaths.Root;
        }
        if (!AccountEndpoints.IsLocalUrl(returnUrl))
        {
            return null;
        }
        return returnUrl.StartsWith(ChecklistPaths.Root, StringComparison.Ordinal) ? returnUrl.Split('?', '#')[0] : ChecklistPaths.Root;
    }

    private static string WithQuery(string url, string name, string value) =>
        string.Create(CultureInfo.InvariantCulture, $"{url}?{name}={Uri.EscapeDataString(value)}");

    private static RazorComponentResult<ChecklistErrorPage> Error(int status, string message, string backUrl) =>
        new(new Dictionary<string, object?>
        {
            [nameof(ChecklistErrorPage.Message)] = message,
            [nameof(ChecklistErrorPage.BackUrl)] = backUrl,
        })
        { StatusCode = status };
}

/// <summary>The fields of a tick, untick or note form. Strings, so that malformed values get a clear message.</summary>
public sealed class ChecklistChangeForm
{
    public string? Version { get; set; }

    public string? IdempotencyKey { get; set; }

    public string? Note { get; set; }

    public string? ReturnUrl { get; set; }
}

public sealed class ChecklistTemplateForm
{
    public string? Title { get; set; }

    public string? EvidenceKey { get; set; }
}
