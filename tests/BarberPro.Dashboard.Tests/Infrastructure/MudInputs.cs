using Bunit;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace BarberPro.Dashboard.Tests.Infrastructure;

/// <summary>
/// Picks a value in a MudBlazor select, autocomplete or picker found by its <c>data-testid</c> (passed as a user
/// attribute), as a person choosing an item would: through the component's <c>ValueChanged</c> (bUnit cannot open the
/// popover list the browser shows). The first match is the outer component (MudSelect passes its attributes down).
/// </summary>
internal static class MudInputs
{
    public static Task ChooseAsync<TComponent, TValue>(this IRenderedComponent<TComponent> page, string testId, TValue value)
        where TComponent : class, IComponent
    {
        var input = page.FindComponents<MudBaseInput<TValue>>().First(c => HasTestId(c.Instance.UserAttributes, testId));
        return page.InvokeAsync(() => input.Instance.ValueChanged.InvokeAsync(value));
    }

    private static bool HasTestId(IDictionary<string, object?>? attributes, string testId) =>
        attributes is not null && attributes.TryGetValue("data-testid", out var id) && Equals(id, testId);
}
